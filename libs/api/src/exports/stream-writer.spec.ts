import { Writable } from 'node:stream';
import { CHUNK_BYTES, StreamWriter } from './stream-writer';

/** A sink that accepts one chunk at a time and only when `release()` is called. */
function slowSink(): { sink: Writable; received: string[]; release: () => void } {
  const received: string[] = [];
  const waiting: (() => void)[] = [];
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      waiting.push(() => {
        received.push(chunk.toString('utf8'));
        callback();
      });
    },
  });
  return { sink, received, release: () => waiting.shift()?.() };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('StreamWriter', () => {
  it('should gather small pieces into one chunk and ask for a flush only past the chunk size', async () => {
    const { sink, received, release } = slowSink();
    const writer = new StreamWriter(sink);
    expect(writer.push('a'.repeat(CHUNK_BYTES - 1))).toBe(false);
    expect(writer.push('b')).toBe(true);
    const flushed = writer.flush();
    release();
    await flushed;
    expect(received).toEqual(['a'.repeat(CHUNK_BYTES - 1) + 'b']);
  });

  it('should wait for drain while the consumer does not read (backpressure)', async () => {
    const { sink, release } = slowSink();
    const writer = new StreamWriter(sink);
    writer.push('x'.repeat(CHUNK_BYTES));
    let done = false;
    const flushed = writer.flush().then(() => {
      done = true;
    });
    await tick();
    await tick();
    expect(done).toBe(false);
    release();
    await flushed;
    expect(done).toBe(true);
  });

  it('should stop waiting and drop further text once the consumer goes away', async () => {
    const { sink } = slowSink();
    const writer = new StreamWriter(sink);
    writer.push('x'.repeat(CHUNK_BYTES));
    const flushed = writer.flush();
    sink.destroy();
    await flushed;
    expect(writer.closed).toBe(true);
    expect(writer.push('more')).toBe(false);
    await writer.end();
  });

  it('should end the stream after the last text', async () => {
    const { sink, received, release } = slowSink();
    const writer = new StreamWriter(sink);
    writer.push('last');
    const ended = writer.end();
    await tick();
    release();
    await ended;
    expect(received).toEqual(['last']);
    expect(sink.writableFinished).toBe(true);
    expect(writer.closed).toBe(false);
  });
});
