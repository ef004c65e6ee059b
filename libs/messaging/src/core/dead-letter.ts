import { type MessageHeaders, type RawDelivery } from './types';

/** A message that could not be handled: the original bytes, where it was, and why. */
export interface DeadLetterRecord {
  /** The physical source topic. */
  readonly sourceTopic: string;
  /** The physical dead-letter topic (`<source>.dlq`). */
  readonly dlqTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  readonly key: string | null;
  readonly value: string | null;
  /** The original headers, unchanged. */
  readonly headers: MessageHeaders;
  readonly errorCode: string;
  readonly errorReason: string;
  readonly failedAt: Date;
}

/** Where a transport puts dead letters: a `.dlq` topic (Kafka) or a store (in process). */
export interface DeadLetterSink {
  deadLetter(record: DeadLetterRecord): Promise<void>;
}

/** Persistent dead letters of the in-process transport. */
export interface DeadLetterStore extends DeadLetterSink {
  /** Dead letters of one source topic, oldest first (tests, operator tooling). */
  list(sourceTopic?: string): Promise<readonly DeadLetterRecord[]>;
}

export const DLQ_HEADERS = {
  errorCode: 'x-dlq-error-code',
  errorReason: 'x-dlq-error-reason',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  failedAt: 'x-dlq-failed-at',
} as const;

export function deadLetterRecord(
  delivery: RawDelivery,
  dlqTopic: string,
  error: { code: string; reason: string },
  failedAt = new Date(),
): DeadLetterRecord {
  return {
    sourceTopic: delivery.meta.topic,
    dlqTopic,
    sourcePartition: delivery.meta.partition,
    sourceOffset: delivery.meta.offset,
    key: delivery.key,
    value: delivery.value === null ? null : delivery.value.toString(),
    headers: delivery.headers,
    errorCode: error.code,
    errorReason: error.reason,
    failedAt,
  };
}

/** The headers of a `.dlq` message: the original ones plus the error and the source position. */
export function deadLetterHeaders(record: DeadLetterRecord): Record<string, string> {
  return {
    ...record.headers,
    [DLQ_HEADERS.errorCode]: record.errorCode,
    [DLQ_HEADERS.errorReason]: record.errorReason,
    [DLQ_HEADERS.sourceTopic]: record.sourceTopic,
    [DLQ_HEADERS.sourcePartition]: String(record.sourcePartition),
    [DLQ_HEADERS.sourceOffset]: record.sourceOffset,
    [DLQ_HEADERS.failedAt]: record.failedAt.toISOString(),
  };
}

/** Dead letters kept in memory: tests, and a CLI run without a database. */
export class InMemoryDeadLetterStore implements DeadLetterStore {
  private readonly records: DeadLetterRecord[] = [];

  deadLetter(record: DeadLetterRecord): Promise<void> {
    this.records.push(record);
    return Promise.resolve();
  }

  list(sourceTopic?: string): Promise<readonly DeadLetterRecord[]> {
    return Promise.resolve(
      sourceTopic === undefined
        ? [...this.records]
        : this.records.filter((r) => r.sourceTopic === sourceTopic),
    );
  }
}
