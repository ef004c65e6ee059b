import { type RawDelivery } from '../core/types';

/**
 * A bounded FIFO of one in-process subscription: all messages of a key land in the same lane,
 * which runs them one at a time (or one batch at a time). An item leaves the queue only once
 * its work is done ("commit"); `reserve` waits while the lane is full (backpressure).
 */
export class Lane {
  readonly queue: RawDelivery[] = [];
  running = false;
  private sequence = 0;
  private spaceWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private arrivalWaiters: (() => void)[] = [];

  constructor(
    readonly index: number,
    private readonly capacity: number,
  ) {}

  nextOffset(): string {
    const offset = String(this.sequence);
    this.sequence += 1;
    return offset;
  }

  /** Resolves when there is room for one more message. */
  async reserve(): Promise<void> {
    while (this.queue.length >= this.capacity) {
      await new Promise<void>((resolve, reject) => this.spaceWaiters.push({ resolve, reject }));
    }
  }

  push(delivery: RawDelivery): void {
    this.queue.push(delivery);
    const waiters = this.arrivalWaiters;
    this.arrivalWaiters = [];
    waiters.forEach((w) => w());
  }

  /** Removes the first `count` messages (their work is done) and wakes waiting publishers. */
  release(count: number): void {
    this.queue.splice(0, count);
    const waiters = this.spaceWaiters.splice(0, count);
    waiters.forEach((w) => w.resolve());
  }

  /** Waits until the lane holds `size` messages or `ms` have passed. */
  async fill(size: number, ms: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.queue.length < size && !signal.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) {
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.arrivalWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Rejects every waiting publisher (the transport stopped). */
  failWaiters(error: Error): void {
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    waiters.forEach((w) => w.reject(error));
    this.arrivalWaiters.splice(0).forEach((w) => w());
  }
}

/** FNV-1a: a stable, cheap hash of the key to pick its lane. */
export function laneOf(key: string | null, lanes: number): number {
  let hash = 0x811c9dc5;
  for (const char of key ?? '') {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % lanes;
}
