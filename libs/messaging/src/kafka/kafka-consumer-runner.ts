import { Logger } from '@nestjs/common';
import { type TopicDefinition } from '@palisade/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage } from 'kafkajs';
import { type DeliveryProcessor, type Outcome } from '../core/delivery-processor';
import { reasonOf } from '../core/errors';
import { type HandlerRegistration } from '../core/handler-registration';
import { type RawDelivery } from '../core/types';
import {
  BatchPipeline,
  type HandlerPipeline,
  PartitionState,
  SinglePipeline,
} from './handler-pipeline';
import { decodeHeaders } from './kafka-headers';

export interface ConsumerRoute {
  readonly registration: HandlerRegistration;
  /** The physical topic name. */
  readonly topic: string;
  readonly processor: DeliveryProcessor<TopicDefinition>;
}

export interface ConsumerRunnerOptions {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxWaitTimeMs: number;
  readonly shutdownTimeoutMs: number;
}

export interface ConsumerStats {
  readonly groupId: string;
  /** Times this consumer joined its group (1 = no rebalance since start). */
  readonly joins: number;
  readonly assignment: Readonly<Record<string, readonly number[]>>;
  /** kafkajs gave up on this consumer (a non-retriable crash): it consumes nothing until replaced. */
  readonly dead: boolean;
}

const COMMIT_RETRY_MS = 1000;
/** Backoff before replacing a consumer kafkajs gave up on: 2 s, doubling, at most 60 s. */
const RECOVERY_BASE_MS = 2000;
const RECOVERY_MAX_MS = 60_000;

/**
 * One kafkajs consumer (one group) feeding an internal, bounded pool.
 *
 * - `eachBatch` never waits for handlers: it hands each message to its handler's pipeline,
 *   moves the fetch position on (`resolveOffset`, which commits nothing) and returns at once, so
 *   kafkajs' own loop keeps fetching and heartbeating however long a handler runs. When a
 *   partition has too much unfinished work it is paused, and resumed when it drains.
 * - autoCommit is off: an `OffsetTracker` per partition says how far the work is contiguously
 *   done, and that (offset + 1) is committed — never past an unfinished message.
 * - A rebalance drops revoked partitions (their late results are not committed); messages that
 *   come back because the committed offset is behind the tracker are skipped, not run twice.
 */
export class KafkaConsumerRunner {
  private readonly logger = new Logger('Messaging');
  private readonly routes = new Map<string, { route: ConsumerRoute; pipeline: HandlerPipeline }>();
  private readonly partitions = new Map<string, PartitionState>();
  private consumer: Consumer | undefined;
  private stopping: Promise<void> | undefined;
  private closed = false;
  private joins = 0;
  private dead = false;
  private assignment: Record<string, number[]> = {};
  private commitQueued = false;
  private commitChain: Promise<void> = Promise.resolve();
  private commitRetry: NodeJS.Timeout | undefined;

  constructor(
    private readonly kafka: Kafka,
    readonly groupId: string,
    routes: readonly ConsumerRoute[],
    private readonly options: ConsumerRunnerOptions,
    private readonly abortAll: AbortController,
  ) {
    const complete = (state: PartitionState, offsets: readonly string[], outcome: Outcome): void =>
      this.onComplete(state, offsets, outcome);
    for (const route of routes) {
      const { registration: r } = route;
      const pipeline =
        r.kind === 'batch'
          ? new BatchPipeline(r, route.processor, complete)
          : new SinglePipeline(r, route.processor, complete);
      this.routes.set(route.topic, { route, pipeline });
    }
  }

  stats(): ConsumerStats {
    return {
      groupId: this.groupId,
      joins: this.joins,
      assignment: { ...this.assignment },
      dead: this.dead,
    };
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: this.options.heartbeatIntervalMs,
      maxWaitTimeInMs: this.options.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => this.onJoin(event.payload.memberAssignment));
    consumer.on(consumer.events.CRASH, (event) => {
      const givenUp = !event.payload.restart && !this.stopping;
      this.logger.error({
        msg: 'kafka consumer crashed',
        groupId: this.groupId,
        reason: reasonOf(event.payload.error),
        restart: event.payload.restart,
      });
      if (givenUp && !this.dead) {
        this.dead = true;
        this.recover(consumer, 1);
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.routes.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => Promise.resolve(this.onBatch(payload)),
    });
  }

  /**
   * kafkajs gave up on `crashed` (an error it does not retry, e.g. after the broker restarted
   * under it): a new consumer joins the group in its place, after a backoff, until one runs.
   * Until then readiness reports the group dead. Partition state is kept, as in kafkajs' own
   * restarts: what comes back after the rejoin and was already taken is skipped, not run twice.
   */
  private recover(crashed: Consumer, attempt: number): void {
    const delayMs = Math.min(RECOVERY_BASE_MS * 2 ** (attempt - 1), RECOVERY_MAX_MS);
    void (async () => {
      await crashed.disconnect().catch(() => undefined);
      await sleep(delayMs, undefined, { ref: false });
      if (this.stopping) return;
      try {
        await this.start();
        this.dead = false;
        this.logger.warn({
          msg: 'kafka consumer replaced after a crash',
          groupId: this.groupId,
          attempt,
        });
      } catch (error) {
        this.logger.error({
          msg: 'kafka consumer could not be replaced; retrying',
          groupId: this.groupId,
          attempt,
          reason: reasonOf(error),
        });
        this.recover(this.consumer ?? crashed, attempt + 1);
      }
    })();
  }

  /** Stop fetching, let running handlers finish (bounded), commit what is done, leave. */
  stop(): Promise<void> {
    this.stopping ??= this.drainAndLeave();
    return this.stopping;
  }

  private async drainAndLeave(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) {
      return;
    }
    try {
      consumer.pause([...this.routes.keys()].map((topic) => ({ topic })));
    } catch {
      // not running (crashed): nothing to pause
    }
    const pipelines = [...this.routes.values()].map((r) => r.pipeline);
    pipelines.forEach((p) => p.cancelPending());
    const drained = Promise.all(pipelines.map((p) => p.idle())).then(() => true);
    const timedOut = sleep(this.options.shutdownTimeoutMs, false, { ref: false });
    if (!(await Promise.race([drained, timedOut]))) {
      this.logger.warn({
        msg: 'shutdown timeout: handlers still running are abandoned (their messages will be redelivered)',
        groupId: this.groupId,
      });
    }
    clearTimeout(this.commitRetry);
    await this.commitChain;
    await this.commitNow();
    this.closed = true;
    await consumer.disconnect().catch((error: unknown) =>
      this.logger.warn({
        msg: 'consumer disconnect failed',
        groupId: this.groupId,
        reason: reasonOf(error),
      }),
    );
  }

  private onBatch(payload: EachBatchPayload): void {
    const { batch } = payload;
    const entry = this.routes.get(batch.topic);
    if (!entry) {
      return;
    }
    const state = this.state(batch.topic, batch.partition);
    const limit = this.pendingLimit(entry.route.registration);
    for (const message of batch.messages) {
      if (
        this.stopping ||
        this.abortAll.signal.aborted ||
        !payload.isRunning() ||
        payload.isStale()
      ) {
        break;
      }
      if (state.tracker.isTracked(message.offset)) {
        payload.resolveOffset(message.offset); // redelivered after a rebalance: already ours
        continue;
      }
      if (state.pending >= limit) {
        this.pause(state);
        break;
      }
      state.tracker.track(message.offset);
      state.pending += 1;
      payload.resolveOffset(message.offset);
      entry.pipeline.add(state, this.delivery(batch.topic, batch.partition, message));
    }
  }

  private onComplete(state: PartitionState, offsets: readonly string[], outcome: Outcome): void {
    state.pending -= offsets.length;
    if (state.revoked || this.closed) {
      return;
    }
    if (outcome === 'done') {
      offsets.forEach((o) => state.tracker.complete(o));
      this.scheduleCommit();
    }
    const entry = this.routes.get(state.topic);
    if (
      state.paused &&
      !this.stopping &&
      entry &&
      state.pending <= this.pendingLimit(entry.route.registration) / 2
    ) {
      this.resume(state);
    }
  }

  private onJoin(memberAssignment: Record<string, number[]>): void {
    this.joins += 1;
    this.assignment = memberAssignment;
    for (const [id, state] of this.partitions) {
      if (!(memberAssignment[state.topic] ?? []).includes(state.partition)) {
        state.revoked = true;
        this.partitions.delete(id);
        this.routes.get(state.topic)?.pipeline.revoke(state);
      } else if (state.paused) {
        this.pause(state); // a crash-restarted kafkajs group forgets pauses
      }
    }
    this.logger.debug({ msg: 'joined consumer group', groupId: this.groupId, joins: this.joins });
  }

  private scheduleCommit(): void {
    if (this.commitQueued || this.closed) {
      return;
    }
    this.commitQueued = true;
    this.commitChain = this.commitChain.then(() => {
      this.commitQueued = false;
      return this.commitNow();
    });
  }

  private async commitNow(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.closed) {
      return;
    }
    const commits = [...this.partitions.values()]
      .map((state) => ({ state, offset: state.tracker.committable() }))
      .filter((c): c is { state: PartitionState; offset: string } => c.offset !== undefined);
    if (commits.length === 0) {
      return;
    }
    try {
      await consumer.commitOffsets(
        commits.map(({ state, offset }) => ({
          topic: state.topic,
          partition: state.partition,
          offset,
        })),
      );
      commits.forEach(({ state, offset }) => state.tracker.markCommitted(offset));
    } catch (error) {
      // Rebalance in progress, coordinator moved…: the tracker still offers the offset; retry.
      this.logger.warn({
        msg: 'offset commit failed; will retry',
        groupId: this.groupId,
        reason: reasonOf(error),
      });
      clearTimeout(this.commitRetry);
      this.commitRetry = setTimeout(() => this.scheduleCommit(), COMMIT_RETRY_MS);
      this.commitRetry.unref();
    }
  }

  private pendingLimit(registration: HandlerRegistration): number {
    const batch = registration.kind === 'batch' ? registration.batch.maxSize * 2 : 0;
    return Math.max(16, registration.concurrency * 4, batch);
  }

  private pause(state: PartitionState): void {
    state.paused = true;
    this.consumer?.pause([{ topic: state.topic, partitions: [state.partition] }]);
  }

  private resume(state: PartitionState): void {
    state.paused = false;
    this.consumer?.resume([{ topic: state.topic, partitions: [state.partition] }]);
  }

  private state(topic: string, partition: number): PartitionState {
    const id = `${topic}\u0000${partition}`;
    let state = this.partitions.get(id);
    if (!state) {
      state = new PartitionState(topic, partition);
      this.partitions.set(id, state);
    }
    return state;
  }

  private delivery(topic: string, partition: number, message: KafkaMessage): RawDelivery {
    const key = message.key === null ? null : message.key.toString();
    const headers = decodeHeaders(message.headers);
    return {
      key,
      value: message.value,
      headers,
      meta: {
        topic,
        partition,
        offset: message.offset,
        key,
        headers,
        timestamp: message.timestamp,
      },
    };
  }
}
