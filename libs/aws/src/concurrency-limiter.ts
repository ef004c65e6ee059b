// A counting semaphore per key (account × service): bounds concurrent calls so one account's
// many regions and collectors do not burst past AWS's per-account API rate limits.

export type Release = () => void;

interface Slot {
  active: number;
  waiting: Array<() => void>;
}

export class KeyedConcurrencyLimiter {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be ≥ 1, got ${limit}`);
  }

  /** Waits for a slot under `key`; the returned function releases it (idempotent). */
  async acquire(key: string): Promise<Release> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    if (slot.active >= this.limit) {
      // The releasing caller hands its slot straight to us (active stays the same), so a
      // newcomer cannot overtake a waiter and push the count past the limit.
      const s = slot;
      await new Promise<void>((resolve) => s.waiting.push(resolve));
    } else {
      slot.active += 1;
    }
    let released = false;
    const held = slot;
    return () => {
      if (released) return;
      released = true;
      const next = held.waiting.shift();
      if (next) {
        next();
        return;
      }
      held.active -= 1;
      if (held.active === 0 && this.slots.get(key) === held) this.slots.delete(key);
    };
  }

  /** Runs `fn` holding a slot under `key`. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Calls in flight under `key` (for tests and metrics). */
  active(key: string): number {
    return this.slots.get(key)?.active ?? 0;
  }

  /** Calls waiting under `key`. */
  waiting(key: string): number {
    return this.slots.get(key)?.waiting.length ?? 0;
  }
}
