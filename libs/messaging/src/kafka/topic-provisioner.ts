import { Logger } from '@nestjs/common';
import { type TopicDefinition } from '@palisade/contracts';
import { type Admin, type ITopicConfig } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessagingConfigError } from '../core/errors';
import { type ProvisioningOptions } from '../core/messaging-options';
import { type TopicNames } from '../core/topic-names';

const READY_TIMEOUT_MS = 30_000;

export interface PlannedTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** Every topic and its `.dlq`, with partitions from the definition unless overridden. */
export function planTopics(
  topics: readonly TopicDefinition[],
  names: TopicNames,
  options: ProvisioningOptions = {},
): PlannedTopic[] {
  const replicationFactor = options.replicationFactor ?? 1;
  return topics.flatMap((topic) => {
    const partitions =
      options.defaultPartitions ?? options.partitions?.[topic.name] ?? topic.partitions;
    return [names.topic(topic), names.dlq(topic)].map((name) => ({
      name,
      partitions,
      replicationFactor,
    }));
  });
}

/**
 * Creates the missing topics at boot; idempotent (existing topics are left alone, replicas
 * racing each other are fine). A topic with fewer partitions than planned is reported, never
 * altered: adding partitions moves keys and would break per-key order.
 */
export class TopicProvisioner {
  private readonly logger = new Logger('Messaging');

  constructor(private readonly admin: Admin) {}

  async provision(planned: readonly PlannedTopic[]): Promise<{ created: string[] }> {
    const existing = new Set(await this.admin.listTopics());
    const missing = planned.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      const topics: ITopicConfig[] = missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor,
      }));
      // createTopics answers false (no throw) when another replica created them first. Its own
      // waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION while metadata propagates (seen
      // under load on Kafka 4.4): waitUntilServed below is the wait.
      await this.admin.createTopics({ topics, waitForLeaders: false });
      await this.waitUntilServed(missing.map((t) => t.name));
      this.logger.log({ msg: 'created topics', topics: missing.map((t) => t.name) });
    }
    await this.reportUnderPartitioned(planned.filter((t) => existing.has(t.name)));
    return { created: missing.map((t) => t.name) };
  }

  /**
   * Leaders are elected but may not serve yet: ListOffsets answers once they do, so the first
   * produce and fetch do not bounce off NOT_LEADER_OR_FOLLOWER.
   */
  private async waitUntilServed(topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let waiting = [...topics];
    while (waiting.length > 0) {
      const results = await Promise.allSettled(waiting.map((t) => this.admin.fetchTopicOffsets(t)));
      waiting = waiting.filter((_, i) => results[i]?.status === 'rejected');
      if (waiting.length > 0) {
        if (Date.now() > deadline) {
          throw new MessagingConfigError(
            `topics not served ${READY_TIMEOUT_MS} ms after creation: ${waiting.join(', ')}`,
          );
        }
        await sleep(100);
      }
    }
  }

  private async reportUnderPartitioned(present: readonly PlannedTopic[]): Promise<void> {
    if (present.length === 0) {
      return;
    }
    const metadata = await this.admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
    for (const topic of metadata.topics) {
      const plan = present.find((t) => t.name === topic.name);
      if (plan && topic.partitions.length < plan.partitions) {
        this.logger.warn({
          msg: 'topic has fewer partitions than configured; left unchanged (would break per-key order)',
          topic: topic.name,
          partitions: topic.partitions.length,
          configured: plan.partitions,
        });
      }
    }
  }
}
