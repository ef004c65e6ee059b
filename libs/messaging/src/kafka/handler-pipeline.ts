import { Logger } from '@nestjs/common';
import { type TopicDefinition } from '@palisade/contracts';
import { type DeliveryProcessor, type Outcome } from '../core/delivery-processor';
import { reasonOf } from '../core/errors';
import { type HandlerRegistration } from '../core/handler-registration';
import { KeyedExecutor } from '../core/keyed-executor';
import { type RawDelivery } from '../core/types';
import { OffsetTracker } from './offset-tracker';

/** What the runner knows of one assigned partition. */
export class PartitionState {
  readonly tracker = new OffsetTracker();
  /** Fetched and handed to the pipeline, not finished. */
  pending = 0;
  paused = false;
  /** Set when a rebalance takes the partition away: its results are no longer committed. */
  revoked = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}
}

export type Completion = (
  state: PartitionState,
  offsets: readonly string[],
  outcome: Outcome,
) => void;

/** Runs one handler's messages: per-key ordered, `concurrency` at once. */
export interface HandlerPipeline {
  add(state: PartitionState, delivery: RawDelivery): void;
  /** Drops work not started yet (it completes as `aborted`: not committed, fetched again later). */
  cancelPending(): void;
  /** Forgets a partition taken away by a rebalance (its queued work is not run). */
  revoke(state: PartitionState): void;
  idle(): Promise<void>;
}

const logger = new Logger('Messaging');

function guarded(work: Promise<Outcome | undefined>, done: (outcome: Outcome) => void): void {
  work.then(
    (outcome) => done(outcome ?? 'aborted'),
    (error: unknown) => {
      // The processor never throws by design; if it does, the offset stays uncommitted.
      logger.error({
        msg: 'message processing crashed; offset left uncommitted',
        reason: reasonOf(error),
      });
      done('aborted');
    },
  );
}

/** One message per call; messages of one key (within a partition) never run concurrently. */
export class SinglePipeline implements HandlerPipeline {
  private readonly executor: KeyedExecutor;

  constructor(
    private readonly registration: Extract<HandlerRegistration, { kind: 'single' }>,
    private readonly processor: DeliveryProcessor<TopicDefinition>,
    private readonly complete: Completion,
  ) {
    this.executor = new KeyedExecutor(registration.concurrency);
  }

  add(state: PartitionState, delivery: RawDelivery): void {
    const key = `${state.partition}|${delivery.key ?? ''}`;
    const work = this.executor.submit(key, () =>
      state.revoked
        ? Promise.resolve<Outcome>('aborted')
        : this.processor.processOne(delivery, this.registration.handle),
    );
    guarded(work, (outcome) => this.complete(state, [delivery.meta.offset], outcome));
  }

  cancelPending(): void {
    this.executor.cancelPending();
  }

  revoke(): void {
    // Queued tasks of a revoked partition see `state.revoked` when they start and do nothing.
  }

  idle(): Promise<void> {
    return this.executor.idle();
  }
}

interface Batcher {
  readonly state: PartitionState;
  readonly queue: RawDelivery[];
  running: boolean;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Arrays of up to `maxSize` messages of one partition, flushed when full or `maxWaitMs` after
 * the first arrived. One batch in flight per partition (so per-key order holds), `concurrency`
 * batches across partitions.
 */
export class BatchPipeline implements HandlerPipeline {
  private readonly executor: KeyedExecutor;
  private readonly batchers = new Map<PartitionState, Batcher>();

  constructor(
    private readonly registration: Extract<HandlerRegistration, { kind: 'batch' }>,
    private readonly processor: DeliveryProcessor<TopicDefinition>,
    private readonly complete: Completion,
  ) {
    this.executor = new KeyedExecutor(registration.concurrency);
  }

  add(state: PartitionState, delivery: RawDelivery): void {
    let batcher = this.batchers.get(state);
    if (!batcher) {
      batcher = { state, queue: [], running: false, timer: undefined };
      this.batchers.set(state, batcher);
    }
    batcher.queue.push(delivery);
    this.schedule(batcher);
  }

  cancelPending(): void {
    this.executor.cancelPending();
    for (const batcher of this.batchers.values()) {
      clearTimeout(batcher.timer);
      batcher.timer = undefined;
      const dropped = batcher.queue.splice(0);
      if (dropped.length > 0) {
        this.complete(
          batcher.state,
          dropped.map((d) => d.meta.offset),
          'aborted',
        );
      }
    }
  }

  revoke(state: PartitionState): void {
    const batcher = this.batchers.get(state);
    if (batcher) {
      clearTimeout(batcher.timer);
      batcher.queue.length = 0;
      if (!batcher.running) {
        this.batchers.delete(state);
      }
    }
  }

  idle(): Promise<void> {
    return this.executor.idle();
  }

  private schedule(batcher: Batcher): void {
    if (batcher.running || batcher.queue.length === 0) {
      return;
    }
    if (batcher.queue.length >= this.registration.batch.maxSize) {
      this.flush(batcher);
    } else {
      batcher.timer ??= setTimeout(() => this.flush(batcher), this.registration.batch.maxWaitMs);
    }
  }

  private flush(batcher: Batcher): void {
    clearTimeout(batcher.timer);
    batcher.timer = undefined;
    if (batcher.running || batcher.queue.length === 0) {
      return;
    }
    const batch = batcher.queue.splice(0, this.registration.batch.maxSize);
    const { state } = batcher;
    batcher.running = true;
    const work = this.executor.submit(String(state.partition), () =>
      state.revoked
        ? Promise.resolve<Outcome>('aborted')
        : this.processor.processBatch(batch, this.registration.handle),
    );
    guarded(work, (outcome) => {
      batcher.running = false;
      this.complete(
        state,
        batch.map((d) => d.meta.offset),
        outcome,
      );
      if (state.revoked) {
        this.batchers.delete(state);
        return;
      }
      // What arrived meanwhile has waited a whole batch already: handle it now.
      if (batcher.queue.length > 0) {
        this.flush(batcher);
      }
    });
  }
}
