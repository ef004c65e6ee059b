// Cuts a job's results into `findings.raw` messages: at most `maxCount` results, and well under
// the broker's default 1 MB message limit whatever the evidence size.

export const MAX_BATCH_BYTES = 512 * 1024;

export class ResultBatcher<T> {
  private items: T[] = [];
  private bytes = 0;

  constructor(
    private readonly maxCount: number,
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxBytes = MAX_BATCH_BYTES,
  ) {}

  async add(items: readonly T[]): Promise<void> {
    for (const item of items) {
      const size = Buffer.byteLength(JSON.stringify(item));
      if (
        this.items.length > 0 &&
        (this.items.length >= this.maxCount || this.bytes + size > this.maxBytes)
      ) {
        await this.drain();
      }
      this.items.push(item);
      this.bytes += size;
    }
  }

  /** Sends what is pending (call at the end of the job). */
  async drain(): Promise<void> {
    if (this.items.length === 0) return;
    const batch = this.items;
    this.items = [];
    this.bytes = 0;
    await this.flush(batch);
  }
}
