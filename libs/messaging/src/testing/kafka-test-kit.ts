import { Logger } from '@nestjs/common';
import { type TopicDefinition } from '@palisade/contracts';
import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { type MessagingModuleOptions } from '../core/messaging-options';
import { TopicNames } from '../core/topic-names';
import { type MessageHeaders, type RawMessage } from '../core/types';
import { decodeHeaders } from '../kafka/kafka-headers';
import { kafkaLogCreator } from '../kafka/kafka-logger';

// Int specs outside a Nest testing module would print the library's debug lines.
Logger.overrideLogger(['error', 'warn']);

/** The broker of the int tier: scripts/deps/up.sh writes it; no default, no silent skip. */
export function brokersFromEnv(): string[] {
  // eslint-disable-next-line no-restricted-syntax -- test harness: scripts/deps publishes the broker through env
  const value = process.env.PALISADE_KAFKA_BROKERS;
  if (!value) {
    throw new Error(
      'PALISADE_KAFKA_BROKERS is not set: start the brokers with `bash scripts/deps/up.sh` and load ' +
        '`set -a; . "$(bash scripts/deps/env.sh)"; set +a` (or run through jest.int.config.js globalSetup)',
    );
  }
  return value.split(',').map((b) => b.trim());
}

/** A fresh name prefix: every test gets its own topics and groups. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomUUID().slice(0, 8)}.`;
}

export function kafkaTestOptions(
  prefix: string,
  overrides: Partial<MessagingModuleOptions> = {},
): MessagingModuleOptions {
  return {
    transport: 'kafka',
    clientId: 'palisade-int-test',
    kafka: {
      brokers: brokersFromEnv(),
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 1_000,
      maxWaitTimeMs: 200,
      logLevel: 'warn',
    },
    provisioning: { defaultPartitions: 3 },
    topicPrefix: prefix,
    groupPrefix: prefix,
    retry: { initialDelayMs: 20, maxDelayMs: 200 },
    shutdownTimeoutMs: 3_000,
    ...overrides,
  };
}

export interface ReadMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: MessageHeaders;
}

/** Raw kafkajs clients for what the tests do behind the library's back. */
export class KafkaTestKit {
  readonly kafka = new Kafka({
    clientId: 'palisade-int-test-kit',
    brokers: brokersFromEnv(),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator('KafkaTestKit'),
  });
  private producer: Producer | undefined;
  private adminClient: Admin | undefined;

  constructor(readonly prefix: string) {}

  names(): TopicNames {
    return new TopicNames(this.prefix, this.prefix);
  }

  async admin(): Promise<Admin> {
    if (!this.adminClient) {
      this.adminClient = this.kafka.admin();
      await this.adminClient.connect();
    }
    return this.adminClient;
  }

  /** Sends bytes as-is (no validation): a poison message from a foreign producer. */
  async sendRaw(topic: string, raw: RawMessage): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({
      topic,
      acks: -1,
      messages: [{ key: raw.key, value: raw.value, headers: { ...raw.headers } }],
    });
  }

  /** Reads a topic from the beginning with a throwaway group until `atLeast` messages arrived. */
  async read(topic: string, atLeast: number, timeoutMs = 15_000): Promise<ReadMessage[]> {
    const consumer = this.kafka.consumer({
      groupId: `${this.prefix}reader-${randomUUID()}`,
      maxWaitTimeInMs: 100,
    });
    const messages: ReadMessage[] = [];
    let enough!: () => void;
    const done = new Promise<void>((resolve) => (enough = resolve));
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ partition, message }) => {
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: decodeHeaders(message.headers),
          });
          if (messages.length >= atLeast) enough();
          return Promise.resolve();
        },
      });
      if (atLeast <= 0) enough();
      const timer = new Promise<void>((_, reject) =>
        setTimeout(
          () => reject(new Error(`read ${messages.length}/${atLeast} messages of ${topic}`)),
          timeoutMs,
        ).unref(),
      );
      await Promise.race([done, timer]);
      return messages.sort(
        (a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset),
      );
    } finally {
      await consumer.disconnect();
    }
  }

  /** Messages ever written to a topic (sum of the partitions' high watermarks). */
  async count(topic: string): Promise<number> {
    const offsets = await (await this.admin()).fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  }

  /** The group's committed offset for each partition of `topic` ('-1' = none). */
  async committed(groupId: string, topic: string): Promise<Record<number, string>> {
    const [entry] = await (await this.admin()).fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
  }

  physical(topic: TopicDefinition): string {
    return this.names().topic(topic);
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    await this.adminClient?.disconnect();
  }
}
