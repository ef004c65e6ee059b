import { type MessageOf, type TopicDefinition } from '@palisade/contracts';

/** Headers as both transports carry them: text only (binary headers are decoded as UTF-8). */
export type MessageHeaders = Readonly<Record<string, string>>;

/** Where a delivered message came from. On the in-process transport `partition` is the lane. */
export interface MessageMeta {
  /** The physical topic name (with the configured prefix, if any). */
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset (a decimal string), or the in-process sequence number. */
  readonly offset: string;
  readonly key: string | null;
  readonly headers: MessageHeaders;
  /** Broker timestamp (ms since epoch, as a string), or publish time in process. */
  readonly timestamp: string;
}

/** A validated message with its metadata: what a batch handler receives. */
export interface Delivered<T> {
  readonly message: T;
  readonly meta: MessageMeta;
}

export type MessageHandlerFn<T extends TopicDefinition> = (
  message: MessageOf<T>,
  meta: MessageMeta,
) => Promise<void>;

export type BatchHandlerFn<T extends TopicDefinition> = (
  batch: readonly Delivered<MessageOf<T>>[],
) => Promise<void>;

export interface BatchOptions {
  /** Most messages in one call. */
  readonly maxSize: number;
  /** How long a partial batch waits for more messages before it is handled anyway. */
  readonly maxWaitMs: number;
}

export interface HandlerOptions {
  /**
   * Messages (or batches) of this handler in flight at once in this process. Messages with the
   * same key never run concurrently. Default 1.
   */
  readonly concurrency?: number;
  /** The consumer group; default: the topic definition's first consumer group. */
  readonly group?: string;
  /** Appended to the group (`<group>-<suffix>`): a second, independent consumer of a topic. */
  readonly groupSuffix?: string;
  /** Receive arrays of messages instead of one at a time. */
  readonly batch?: BatchOptions;
}

/** A raw message as it travels: what a transport receives before validation. */
export interface RawMessage {
  readonly key: string | null;
  readonly value: Buffer | string | null;
  readonly headers: MessageHeaders;
}

/** A raw message plus its position: the unit of work of both transports. */
export interface RawDelivery extends RawMessage {
  readonly meta: MessageMeta;
}

/** One message to publish (`publishMany`). */
export interface PublishEntry<T extends TopicDefinition = TopicDefinition> {
  readonly topic: T;
  readonly message: MessageOf<T>;
  readonly headers?: MessageHeaders;
}

export interface PublishOptions {
  readonly headers?: MessageHeaders;
}

/** Builds a typed `publishMany` entry (the compiler checks the message against the topic). */
export function entry<T extends TopicDefinition>(
  topic: T,
  message: MessageOf<T>,
  headers?: MessageHeaders,
): PublishEntry {
  return headers ? { topic, message, headers } : { topic, message };
}

/** An already validated and encoded message (the outbox relay re-sends what it stored). */
export interface EncodedRecord {
  readonly topic: TopicDefinition;
  readonly key: string;
  readonly value: string;
  readonly headers?: MessageHeaders;
}
