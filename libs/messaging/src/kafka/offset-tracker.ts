/**
 * The commit position of one partition when several of its messages are in flight at once.
 *
 * Offsets are tracked in the order they are fetched and completed in any order; the committable
 * offset (Kafka's "next offset to read", i.e. last done + 1) only ever covers a contiguous run
 * of completed offsets — it never passes an unfinished one, so a crash loses nothing.
 */
export class OffsetTracker {
  /** Tracked, not yet passed by the watermark; ascending. `head` is the first live index. */
  private pending: bigint[] = [];
  private head = 0;
  private readonly open = new Set<bigint>();
  private highest: bigint | undefined;
  private watermark: bigint | undefined;
  private committed: bigint | undefined;

  /** Start tracking a fetched offset; offsets must be tracked in increasing order. */
  track(offset: string): void {
    const value = BigInt(offset);
    if (this.highest !== undefined && value <= this.highest) {
      throw new RangeError(`offset ${offset} tracked after ${this.highest}: offsets must increase`);
    }
    this.highest = value;
    this.pending.push(value);
    this.open.add(value);
  }

  /** True for an offset already tracked (in flight, or done): a redelivery after a rebalance. */
  isTracked(offset: string): boolean {
    return this.highest !== undefined && BigInt(offset) <= this.highest;
  }

  /** Mark a tracked offset's work as finished (handled or dead-lettered). */
  complete(offset: string): void {
    const value = BigInt(offset);
    if (!this.open.delete(value)) {
      throw new RangeError(`offset ${offset} is not in flight`);
    }
    while (this.head < this.pending.length) {
      const first = this.pending[this.head];
      if (first === undefined || this.open.has(first)) {
        break;
      }
      this.watermark = first + 1n;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  /** Offsets tracked and not finished. */
  get inFlight(): number {
    return this.open.size;
  }

  /** The offset to commit (last contiguous done + 1) when it is ahead of the last commit. */
  committable(): string | undefined {
    if (this.watermark === undefined) {
      return undefined;
    }
    if (this.committed !== undefined && this.watermark <= this.committed) {
      return undefined;
    }
    return this.watermark.toString();
  }

  /** Record a successful commit of `offset` (as returned by `committable`). */
  markCommitted(offset: string): void {
    const value = BigInt(offset);
    if (this.committed === undefined || value > this.committed) {
      this.committed = value;
    }
  }
}
