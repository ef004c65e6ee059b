// Session credentials per key, refreshed before they expire. Concurrent callers of a key share
// one in-flight load (no AssumeRole stampede when 200 collectors start at once); a failed load
// is not cached.

export interface Expiring {
  expiration: Date;
}

interface Entry<T> {
  promise: Promise<T>;
  value?: T;
  /** When the value arrived (epoch ms); used to tell a stale entry from a refreshed one. */
  obtainedAt?: number;
}

export type Clock = () => number;

const PRUNE_ABOVE = 1_000;

export class CredentialCache<T extends Expiring> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly refreshMarginMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  /** The cached value if it is still fresh, else the in-flight load, else a new load. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key);
    if (existing && (existing.value === undefined || this.isFresh(existing.value))) {
      return existing.promise;
    }
    if (this.entries.size > PRUNE_ABOVE) this.pruneExpired();
    // The callbacks run asynchronously, after `entry` is initialised.
    const entry: Entry<T> = {
      promise: load().then(
        (value) => {
          entry.value = value;
          entry.obtainedAt = this.now();
          return value;
        },
        (err: unknown) => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw err;
        },
      ),
    };
    this.entries.set(key, entry);
    return entry.promise;
  }

  /**
   * Drops the entry so the next `get` loads again. With `staleSince`, only an entry obtained
   * at or before that time is dropped: when many calls fail with ExpiredToken together, the
   * first one's refresh is not thrown away by the others.
   */
  invalidate(key: string, staleSince?: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.value === undefined) return false;
    if (staleSince !== undefined && (entry.obtainedAt ?? 0) > staleSince) return false;
    this.entries.delete(key);
    return true;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private isFresh(value: T): boolean {
    return value.expiration.getTime() - this.refreshMarginMs > this.now();
  }

  private pruneExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.value && entry.value.expiration.getTime() <= now) this.entries.delete(key);
    }
  }
}
