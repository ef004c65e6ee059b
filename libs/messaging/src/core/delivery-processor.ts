import { Logger } from '@nestjs/common';
import { decodeMessage, type MessageOf, type TopicDefinition } from '@palisade/contracts';
import { type BackoffPolicy, backoffDelay, sleepUnlessAborted } from './backoff';
import { type DeadLetterSink, deadLetterRecord } from './dead-letter';
import { errorCodeOf, isTransient, reasonOf } from './errors';
import {
  type BatchHandlerFn,
  type Delivered,
  type MessageHandlerFn,
  type RawDelivery,
} from './types';

/** `done`: the message is finished (handled or dead-lettered) and may be committed. */
export type Outcome = 'done' | 'aborted';

type Attempt = { kind: 'ok' } | { kind: 'aborted' } | { kind: 'failed'; error: unknown };

export interface DeliveryProcessorDeps {
  readonly sink: DeadLetterSink;
  readonly backoff: BackoffPolicy;
  /** Aborts when the transport stops: backoffs end, nothing new starts. */
  readonly signal: AbortSignal;
  readonly random?: () => number;
}

/**
 * The delivery semantics both transports share, so a handler behaves the same on Kafka and in
 * process: validate (invalid → dead letter), call the handler, retry a TransientError in place
 * with capped backoff for as long as it takes, dead-letter any other error.
 */
export class DeliveryProcessor<T extends TopicDefinition> {
  private readonly logger = new Logger('Messaging');

  constructor(
    private readonly topic: T,
    private readonly dlqTopic: string,
    private readonly deps: DeliveryProcessorDeps,
  ) {}

  async processOne(delivery: RawDelivery, handler: MessageHandlerFn<T>): Promise<Outcome> {
    if (this.deps.signal.aborted) {
      return 'aborted';
    }
    const decoded = decodeMessage(this.topic, delivery.value);
    if (!decoded.ok) {
      return this.deadLetter(delivery, decoded.code, decoded.reason);
    }
    const attempt = await this.retrying(
      delivery,
      () => handler(decoded.value, delivery.meta),
      isTransient,
    );
    return this.settle(delivery, attempt);
  }

  /**
   * Invalid messages are dead-lettered first; the valid rest goes to the handler in one call.
   * A permanent failure of a whole batch is narrowed down by handling its messages one at a
   * time, so only the culprits are dead-lettered (handlers are idempotent: at-least-once).
   */
  async processBatch(
    deliveries: readonly RawDelivery[],
    handler: BatchHandlerFn<T>,
  ): Promise<Outcome> {
    if (this.deps.signal.aborted) {
      return 'aborted';
    }
    const valid: { raw: RawDelivery; delivered: Delivered<MessageOf<T>> }[] = [];
    for (const raw of deliveries) {
      const decoded = decodeMessage(this.topic, raw.value);
      if (decoded.ok) {
        valid.push({ raw, delivered: { message: decoded.value, meta: raw.meta } });
      } else if ((await this.deadLetter(raw, decoded.code, decoded.reason)) === 'aborted') {
        return 'aborted';
      }
    }
    const first = valid[0];
    if (first === undefined) {
      return 'done';
    }
    const attempt = await this.retrying(
      first.raw,
      () => handler(valid.map((v) => v.delivered)),
      isTransient,
    );
    if (attempt.kind !== 'failed' || valid.length === 1) {
      return this.settle(first.raw, attempt);
    }
    this.logger.warn({
      msg: 'batch handler failed permanently; handling its messages one at a time',
      topic: first.raw.meta.topic,
      partition: first.raw.meta.partition,
      size: valid.length,
      code: errorCodeOf(attempt.error),
    });
    for (const { raw, delivered } of valid) {
      const single = await this.retrying(raw, () => handler([delivered]), isTransient);
      if ((await this.settle(raw, single)) === 'aborted') {
        return 'aborted';
      }
    }
    return 'done';
  }

  private settle(delivery: RawDelivery, attempt: Attempt): Promise<Outcome> | Outcome {
    switch (attempt.kind) {
      case 'ok':
        return 'done';
      case 'aborted':
        return 'aborted';
      case 'failed':
        return this.deadLetter(delivery, errorCodeOf(attempt.error), reasonOf(attempt.error));
    }
  }

  /** Writing a dead letter must not lose the message: every failure of the sink is retried. */
  private async deadLetter(delivery: RawDelivery, code: string, reason: string): Promise<Outcome> {
    const record = deadLetterRecord(delivery, this.dlqTopic, { code, reason });
    this.logger.warn({
      msg: 'dead-lettering a message',
      topic: delivery.meta.topic,
      partition: delivery.meta.partition,
      offset: delivery.meta.offset,
      key: delivery.key,
      code,
      reason,
    });
    const attempt = await this.retrying(
      delivery,
      () => this.deps.sink.deadLetter(record),
      () => true,
    );
    return attempt.kind === 'ok' ? 'done' : 'aborted';
  }

  private async retrying(
    delivery: RawDelivery,
    work: () => Promise<void>,
    retryable: (error: unknown) => boolean,
  ): Promise<Attempt> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await work();
        return { kind: 'ok' };
      } catch (error) {
        if (!retryable(error)) {
          return { kind: 'failed', error };
        }
        const delay = backoffDelay(attempt, this.deps.backoff, this.deps.random);
        this.logger.warn({
          msg: 'transient failure; retrying in place',
          topic: delivery.meta.topic,
          partition: delivery.meta.partition,
          offset: delivery.meta.offset,
          code: errorCodeOf(error, 'TRANSIENT'),
          reason: reasonOf(error),
          attempt: attempt + 1,
          delayMs: delay,
        });
        if (!(await sleepUnlessAborted(delay, this.deps.signal))) {
          return { kind: 'aborted' };
        }
      }
    }
  }
}
