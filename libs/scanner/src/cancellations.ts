// Scans cancelled through `scan.control`, remembered by every worker (each consumes the topic in
// its own group) for a day, so a job of a cancelled scan stops at its next check boundary and a
// job that arrives later does not start.

const REMEMBER_MS = 24 * 60 * 60 * 1000;

export class Cancellations {
  private readonly cancelled = new Map<string, number>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly now: () => number = Date.now) {}

  cancel(scanId: string): void {
    this.prune();
    if (!this.cancelled.has(scanId)) this.cancelled.set(scanId, this.now());
    for (const listener of this.listeners.get(scanId) ?? []) listener();
    this.listeners.delete(scanId);
  }

  isCancelled(scanId: string): boolean {
    return this.cancelled.has(scanId);
  }

  /** Calls `listener` once when the scan is cancelled (at once if it already is). */
  onCancel(scanId: string, listener: () => void): () => void {
    if (this.isCancelled(scanId)) {
      listener();
      return () => undefined;
    }
    const set = this.listeners.get(scanId) ?? new Set();
    set.add(listener);
    this.listeners.set(scanId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(scanId);
    };
  }

  private prune(): void {
    const cutoff = this.now() - REMEMBER_MS;
    for (const [scanId, at] of this.cancelled) if (at < cutoff) this.cancelled.delete(scanId);
  }
}
