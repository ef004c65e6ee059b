interface Job {
  readonly run: () => Promise<void>;
  readonly cancel: () => void;
}

/**
 * Runs tasks with at most `concurrency` in flight, never two of the same key at once: tasks of
 * one key run in submission order, one after the other; distinct keys run in parallel.
 */
export class KeyedExecutor {
  private readonly waiting = new Map<string, Job[]>();
  private readonly busy = new Set<string>();
  private readonly readyKeys: string[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  get active(): number {
    return this.running;
  }

  /** Resolves with the task's outcome, or `undefined` if the task was cancelled before it ran. */
  submit<T>(key: string, task: () => Promise<T>): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      const job: Job = {
        run: () => task().then(resolve, reject),
        cancel: () => resolve(undefined),
      };
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push(job);
      } else {
        this.waiting.set(key, [job]);
        if (!this.busy.has(key)) {
          this.readyKeys.push(key);
        }
      }
      this.pump();
    });
  }

  /** Drops every task not yet started (they resolve `undefined`); running ones carry on. */
  cancelPending(): number {
    let cancelled = 0;
    for (const queue of this.waiting.values()) {
      for (const job of queue) {
        job.cancel();
        cancelled += 1;
      }
    }
    this.waiting.clear();
    this.readyKeys.length = 0;
    return cancelled;
  }

  /** Resolves when no task is running (and none is waiting). */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.size === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const key = this.readyKeys.shift();
      if (key === undefined) {
        break;
      }
      const queue = this.waiting.get(key);
      const job = queue?.shift();
      if (!queue || !job) {
        continue;
      }
      if (queue.length === 0) {
        this.waiting.delete(key);
      }
      this.busy.add(key);
      this.running += 1;
      void job.run().finally(() => this.finish(key));
    }
    if (this.running === 0 && this.waiting.size === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  private finish(key: string): void {
    this.running -= 1;
    this.busy.delete(key);
    if (this.waiting.has(key)) {
      this.readyKeys.push(key);
    }
    this.pump();
  }
}
