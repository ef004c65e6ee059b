/** How long a computed value serves before it is recomputed. */
export interface RefreshTiming {
  /** Served as is while younger than this. */
  readonly freshMs: number;
  /**
   * Older than `freshMs` but younger than this: served while a recomputation runs in the
   * background (so a burst of requests never waits on it). Older: the request waits for it.
   */
  readonly staleMs: number;
  /** Keys kept; the least recently computed goes first. */
  readonly maxEntries: number;
}

export interface Computed<V> {
  readonly value: V;
  /** When the computation that produced `value` started (its data is at least this recent). */
  readonly computedAt: Date;
}

interface Entry<V> {
  computed?: Computed<V>;
  pending?: Promise<Computed<V>>;
}

/**
 * A per-process cache of expensive reads (per tenant): one computation at a time per key (the
 * callers arriving meanwhile share it), stale-while-recomputing within `staleMs`. A failed
 * background recomputation keeps the previous value and is reported to `onBackgroundError`.
 */
export class RefreshingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly timing: RefreshTiming,
    private readonly onBackgroundError: (key: string, error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, compute: () => Promise<V>): Promise<Computed<V>> {
    const entry = this.entries.get(key);
    const computed = entry?.computed;
    if (computed) {
      const age = this.now() - computed.computedAt.getTime();
      if (age < this.timing.freshMs) return computed;
      if (age < this.timing.staleMs) {
        this.recompute(key, compute).catch((error: unknown) => this.onBackgroundError(key, error));
        return computed;
      }
    }
    return this.recompute(key, compute);
  }

  /** Forgets every value (tests, and an operator deleting a tenant). */
  clear(): void {
    this.entries.clear();
  }

  private recompute(key: string, compute: () => Promise<V>): Promise<Computed<V>> {
    const entry = this.entries.get(key) ?? {};
    if (entry.pending) return entry.pending;
    const computedAt = new Date(this.now());
    const pending = compute().then(
      (value) => {
        const done = { value, computedAt };
        // Re-inserted: Map order is then the order of computation, oldest first.
        this.entries.delete(key);
        this.entries.set(key, { computed: done });
        this.evict();
        return done;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) delete entry.pending;
        throw error;
      },
    );
    entry.pending = pending;
    this.entries.set(key, entry);
    return pending;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.timing.maxEntries) return;
      if (!this.entries.get(key)?.pending) this.entries.delete(key);
    }
  }
}
