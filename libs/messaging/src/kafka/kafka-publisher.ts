import { Logger } from '@nestjs/common';
import {
  encodeMessage,
  InvalidMessageError,
  type MessageOf,
  type TopicDefinition,
} from '@palisade/contracts';
import { CompressionTypes, type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import { type DeadLetterRecord, type DeadLetterSink, deadLetterHeaders } from '../core/dead-letter';
import { PublishError, reasonOf } from '../core/errors';
import { type TopicNames } from '../core/topic-names';
import { type EncodedRecord, type PublishEntry, type PublishOptions } from '../core/types';

/**
 * The Kafka side of publishing: one idempotent producer per process.
 *
 * `idempotent: true` + `acks: -1` + `maxInFlightRequests: 1`: a retried send can neither
 * duplicate nor reorder, so messages of one key (one partition) stay in call order. Retries are
 * bounded, so a broker outage rejects (PublishError) instead of hanging forever.
 */
export class KafkaPublisher implements DeadLetterSink {
  private readonly logger = new Logger('Messaging');
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(
    kafka: Kafka,
    private readonly names: TopicNames,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 6, initialRetryTime: 200, maxRetryTime: 5000 },
    });
  }

  async publish<T extends TopicDefinition>(
    topic: T,
    message: MessageOf<T>,
    options?: PublishOptions,
  ): Promise<void> {
    const encoded = encodeMessage(topic, message);
    await this.send([
      {
        topic: this.names.topic(topic),
        messages: [{ ...encoded, headers: { ...options?.headers } }],
      },
    ]);
  }

  async publishMany(entries: readonly PublishEntry[]): Promise<void> {
    const encoded = entries.map((e) => ({
      topic: e.topic,
      ...encodeMessage(e.topic, e.message),
      headers: e.headers,
    }));
    await this.sendEncoded(encoded);
  }

  async sendEncoded(records: readonly EncodedRecord[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const r of records) {
      const name = this.names.topic(r.topic);
      const list = byTopic.get(name) ?? [];
      list.push({ key: r.key, value: r.value, headers: { ...r.headers } });
      byTopic.set(name, list);
    }
    if (byTopic.size === 0) {
      return;
    }
    await this.send([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  }

  /** Dead letters: the original bytes and key, the original headers plus the error headers. */
  async deadLetter(record: DeadLetterRecord): Promise<void> {
    await this.send([
      {
        topic: record.dlqTopic,
        messages: [{ key: record.key, value: record.value, headers: deadLetterHeaders(record) }],
      },
    ]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.connecting) {
      await this.producer
        .disconnect()
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'producer disconnect failed', reason: reasonOf(error) }),
        );
      this.connecting = undefined;
    }
  }

  private async send(topicMessages: { topic: string; messages: Message[] }[]): Promise<void> {
    if (this.closed) {
      throw new PublishError('the publisher is closed');
    }
    try {
      await this.connect();
      await this.producer.sendBatch({
        topicMessages,
        acks: -1,
        compression: CompressionTypes.None,
      });
    } catch (error) {
      if (error instanceof InvalidMessageError) {
        throw error;
      }
      const topics = topicMessages.map((t) => t.topic).join(', ');
      throw new PublishError(`publishing to ${topics} failed: ${reasonOf(error)}`, {
        cause: error,
      });
    }
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
