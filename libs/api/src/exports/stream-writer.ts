import { type Writable } from 'node:stream';

/** Text is handed to the response in chunks of about this size. */
export const CHUNK_BYTES = 64 * 1024;

/**
 * Writes text to a response with backpressure: text is gathered into ~64 KiB chunks, and when
 * the stream's `write()` returns false {@link flush} waits for `drain` before the producer goes on. It stops when the
 * client goes away (`close` before the response finished): {@link closed} turns true and every
 * later write is dropped, so the producer can stop reading from the database.
 */
export class StreamWriter {
  private parts: string[] = [];
  private pending = 0;
  private gone = false;

  constructor(private readonly out: Writable) {
    out.once('close', () => {
      if (!out.writableFinished) this.gone = true;
    });
  }

  /** True once the client has gone away (the stream destroyed before it finished). */
  get closed(): boolean {
    return this.gone || (this.out.destroyed && !this.out.writableFinished);
  }

  /** Adds text; true when a chunk is full and {@link flush} should be awaited before more. */
  push(text: string): boolean {
    if (this.closed) return false;
    this.parts.push(text);
    this.pending += text.length;
    return this.pending >= CHUNK_BYTES;
  }

  /** Hands the gathered text to the stream; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.pending === 0 || this.closed) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    if (this.out.write(chunk)) return;
    await this.drained();
  }

  /** Flushes and ends the response. */
  async end(): Promise<void> {
    await this.flush();
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.out.off('close', done);
        resolve();
      };
      this.out.on('close', done);
      this.out.end(done);
    });
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }
}
