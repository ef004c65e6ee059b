import { Logger } from '@nestjs/common';
import { encodeMessage, type MessageOf, type TopicDefinition } from '@palisade/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_BACKOFF } from '../core/backoff';
import { type DeadLetterStore, InMemoryDeadLetterStore } from '../core/dead-letter';
import { DeliveryProcessor, type Outcome } from '../core/delivery-processor';
import { BrokerUnavailableError, reasonOf } from '../core/errors';
import { assertUniqueHandlers, type HandlerRegistration } from '../core/handler-registration';
import { type MessagingModuleOptions } from '../core/messaging-options';
import { MessageTransport } from '../core/publisher';
import { TopicNames } from '../core/topic-names';
import {
  type EncodedRecord,
  type PublishEntry,
  type PublishOptions,
  type RawMessage,
} from '../core/types';
import { Lane, laneOf } from './lane';

const DEFAULT_LANE_CAPACITY = 1000;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;

interface Subscription {
  readonly registration: HandlerRegistration;
  readonly processor: DeliveryProcessor<TopicDefinition>;
  readonly lanes: Lane[];
}

/**
 * The single-process transport (embedded CLI), with the Kafka transport's contract: the same
 * validation and dead-lettering (to a DeadLetterStore), TransientError retries, per-key order
 * (a key always lands in the same lane; `concurrency` lanes per handler), bounded lanes
 * (`publish` waits when the lane is full) and removal from the lane only after the handler.
 * Every subscribed group gets its own copy of each message, as Kafka groups do.
 * Messages still queued when the process stops are lost: durability comes from the outbox.
 */
export class InProcessTransport extends MessageTransport {
  readonly kind = 'in-process';
  readonly deadLetters: DeadLetterStore;
  private readonly logger = new Logger('Messaging');
  private readonly names: TopicNames;
  private readonly abort = new AbortController();
  private readonly subscriptions = new Map<string, Subscription[]>();
  private readonly running = new Set<Promise<void>>();
  private preStart: { topic: TopicDefinition; raw: RawMessage }[] | undefined = [];
  private stopped = false;

  constructor(private readonly options: MessagingModuleOptions) {
    super();
    this.names = new TopicNames(options.topicPrefix, options.groupPrefix);
    this.deadLetters = options.inProcess?.deadLetterStore ?? new InMemoryDeadLetterStore();
  }

  async publish<T extends TopicDefinition>(
    topic: T,
    message: MessageOf<T>,
    options?: PublishOptions,
  ): Promise<void> {
    const { key, value } = encodeMessage(topic, message);
    await this.deliverRaw(topic, { key, value, headers: { ...options?.headers } });
  }

  async publishMany(entries: readonly PublishEntry[]): Promise<void> {
    await this.sendEncoded(
      entries.map((e) => ({
        topic: e.topic,
        ...encodeMessage(e.topic, e.message),
        headers: e.headers,
      })),
    );
  }

  async sendEncoded(records: readonly EncodedRecord[]): Promise<void> {
    for (const r of records) {
      await this.deliverRaw(r.topic, { key: r.key, value: r.value, headers: { ...r.headers } });
    }
  }

  /**
   * Delivers bytes as they would arrive from a broker, unvalidated: the consumer side validates
   * (tests of dead-lettering, bridges from other sources).
   */
  async deliverRaw(topic: TopicDefinition, raw: RawMessage): Promise<void> {
    if (this.stopped) {
      throw new BrokerUnavailableError('the in-process transport is stopped');
    }
    if (this.preStart) {
      this.preStart.push({ topic, raw });
      return;
    }
    for (const subscription of this.subscriptions.get(topic.name) ?? []) {
      const lane = subscription.lanes[laneOf(raw.key, subscription.lanes.length)];
      if (!lane) {
        continue;
      }
      await lane.reserve();
      const headers = { ...raw.headers };
      lane.push({
        ...raw,
        headers,
        meta: {
          topic: this.names.topic(topic),
          partition: lane.index,
          offset: lane.nextOffset(),
          key: raw.key,
          headers,
          timestamp: String(Date.now()),
        },
      });
      this.kick(subscription, lane);
    }
  }

  async start(handlers: readonly HandlerRegistration[]): Promise<void> {
    assertUniqueHandlers(handlers);
    const backoff = { ...DEFAULT_BACKOFF, ...this.options.retry };
    const capacity = this.options.inProcess?.laneCapacity ?? DEFAULT_LANE_CAPACITY;
    for (const registration of handlers) {
      const subscription: Subscription = {
        registration,
        processor: new DeliveryProcessor(registration.topic, this.names.dlq(registration.topic), {
          sink: this.deadLetters,
          backoff,
          signal: this.abort.signal,
        }),
        lanes: Array.from({ length: registration.concurrency }, (_, i) => new Lane(i, capacity)),
      };
      const list = this.subscriptions.get(registration.topic.name) ?? [];
      list.push(subscription);
      this.subscriptions.set(registration.topic.name, list);
    }
    const held = this.preStart ?? [];
    this.preStart = undefined;
    for (const { topic, raw } of held) {
      await this.deliverRaw(topic, raw);
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.abort.abort();
    const closed = new BrokerUnavailableError('the in-process transport is stopped');
    const lanes = [...this.subscriptions.values()].flat().flatMap((s) => s.lanes);
    lanes.forEach((lane) => lane.failWaiters(closed));
    const timeout = this.options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const drained = await Promise.race([
      Promise.all([...this.running]).then(() => true),
      sleep(timeout, false, { ref: false }),
    ]);
    const dropped = lanes.reduce((n, lane) => n + lane.queue.length, 0);
    if (!drained || dropped > 0) {
      this.logger.warn({
        msg: 'in-process transport stopped with unfinished messages',
        dropped,
        drained,
      });
    }
  }

  close(): Promise<void> {
    return this.stop();
  }

  ping(): Promise<void> {
    return this.stopped
      ? Promise.reject(new BrokerUnavailableError('the in-process transport is stopped'))
      : Promise.resolve();
  }

  private kick(subscription: Subscription, lane: Lane): void {
    if (lane.running) {
      return;
    }
    lane.running = true;
    const run = this.drain(subscription, lane)
      .catch((error: unknown) =>
        this.logger.error({ msg: 'in-process lane crashed', reason: reasonOf(error) }),
      )
      .finally(() => {
        lane.running = false;
        this.running.delete(run);
        if (lane.queue.length > 0 && !this.stopped) {
          this.kick(subscription, lane);
        }
      });
    this.running.add(run);
  }

  private async drain(subscription: Subscription, lane: Lane): Promise<void> {
    const { registration: r, processor } = subscription;
    while (lane.queue.length > 0 && !this.stopped) {
      let outcome: Outcome;
      let count: number;
      if (r.kind === 'batch') {
        await lane.fill(r.batch.maxSize, r.batch.maxWaitMs, this.abort.signal);
        const batch = lane.queue.slice(0, r.batch.maxSize);
        count = batch.length;
        outcome = await processor.processBatch(batch, r.handle);
      } else {
        const head = lane.queue[0];
        if (head === undefined) {
          return;
        }
        count = 1;
        outcome = await processor.processOne(head, r.handle);
      }
      if (outcome === 'aborted') {
        return;
      }
      lane.release(count);
    }
  }
}
