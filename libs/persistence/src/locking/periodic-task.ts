import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { advisoryLockKey, type ExclusiveResult, runExclusive } from './advisory-lock';

export interface PeriodicTaskOptions {
  /** Names the task and its advisory lock (see `advisoryLockKey` for the allowed form). */
  name: string;
  intervalMs: number;
  /** A random 0…jitterMs is added to every delay so replicas do not all wake together. Default: 10% of the interval. */
  jitterMs?: number;
  /** The work; runs inside `runExclusive`, so at most one replica runs it at a time. */
  run: (manager: EntityManager) => Promise<void>;
  /** Called when a run throws; the task keeps its schedule. Default: logged. */
  onError?: (error: unknown) => void;
}

export type ExclusiveRunner = (
  lockName: string,
  fn: (manager: EntityManager) => Promise<void>,
) => Promise<ExclusiveResult<void>>;

export function nextDelayMs(intervalMs: number, jitterMs: number, random: () => number): number {
  return intervalMs + Math.floor(random() * jitterMs);
}

/**
 * setInterval for periodic work that runs on every replica but fires once per period: each
 * tick calls `runExclusive`, and the next tick is scheduled only after the previous one has
 * finished (never overlapping). `stop()` cancels the timer and waits for a run in flight.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private readonly jitterMs: number;
  private readonly exclusive: ExclusiveRunner;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = true;

  constructor(
    dataSource: DataSource,
    readonly options: PeriodicTaskOptions,
    private readonly random: () => number = Math.random,
    exclusive?: ExclusiveRunner,
  ) {
    this.logger = new Logger(`PeriodicTask:${options.name}`);
    advisoryLockKey(options.name); // validates the name now rather than on the first tick
    this.jitterMs = options.jitterMs ?? Math.floor(options.intervalMs / 10);
    if (!(options.intervalMs > 0) || !(this.jitterMs >= 0)) {
      throw new PersistenceError(
        PersistenceErrorCode.INVALID_ARGUMENT,
        'intervalMs must be > 0 and jitterMs >= 0',
      );
    }
    this.exclusive = exclusive ?? ((lockName, fn) => runExclusive(dataSource, lockName, fn));
  }

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.scheduleNext();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** One exclusive run now, outside the schedule (errors propagate). */
  runOnce(): Promise<ExclusiveResult<void>> {
    return this.exclusive(this.options.name, this.options.run);
  }

  private scheduleNext(): void {
    const delay = nextDelayMs(this.options.intervalMs, this.jitterMs, this.random);
    this.timer = setTimeout(() => {
      this.inFlight = this.tick();
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      if (this.options.onError) this.options.onError(error);
      else
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    } finally {
      this.inFlight = undefined;
      if (!this.stopped) this.scheduleNext();
    }
  }
}
