import { type MessageOf, type TopicDefinition } from '@palisade/contracts';
import { type HandlerRegistration } from './handler-registration';
import { type EncodedRecord, type PublishEntry, type PublishOptions } from './types';

/**
 * Publishes validated messages. Inject this class; the module binds it to the configured
 * transport.
 *
 * - `publish` validates with the topic's schema (an invalid message rejects with
 *   `InvalidMessageError`, code `INVALID_MESSAGE`, and is never sent), keys it with the topic's
 *   key function, and resolves only once the broker acknowledged it (all in-sync replicas).
 * - A broker failure rejects with `PublishError` (code `PUBLISH_FAILED`, a TransientError: a
 *   handler that publishes is retried in place).
 * - Messages of one key are published in call order.
 */
export abstract class Publisher {
  abstract publish<T extends TopicDefinition>(
    topic: T,
    message: MessageOf<T>,
    options?: PublishOptions,
  ): Promise<void>;

  /** Validates every entry first (none is sent if one is invalid), then sends them together. */
  abstract publishMany(entries: readonly PublishEntry[]): Promise<void>;
}

/** A transport: a Publisher that also runs the discovered handlers. */
export abstract class MessageTransport extends Publisher {
  abstract readonly kind: 'kafka' | 'in-process';

  /**
   * Sends records validated and encoded earlier (the outbox), in order, as one batch; resolves
   * on the broker's ack. Consumers still validate them.
   */
  abstract sendEncoded(records: readonly EncodedRecord[]): Promise<void>;

  /** Starts consuming for the given handlers (after provisioning topics, on Kafka). */
  abstract start(handlers: readonly HandlerRegistration[]): Promise<void>;

  /** Stops fetching, waits for in-flight work (bounded), commits what is done. */
  abstract stop(): Promise<void>;

  /** Releases connections; publishing afterwards rejects. */
  abstract close(): Promise<void>;

  /** Readiness: resolves when the transport can reach its broker (rejects otherwise). */
  abstract ping(timeoutMs?: number): Promise<void>;
}
