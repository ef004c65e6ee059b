import { forEachBounded, mapBounded } from './bounded';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('bounded concurrency', () => {
  it('should never run more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    await forEachBounded(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        running -= 1;
      },
    );
    expect(peak).toBe(3);
  });

  it('should keep results in input order whatever order calls finish in', async () => {
    const out = await mapBounded([30, 10, 20], 3, async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return ms * 2;
    });
    expect(out).toEqual([60, 20, 40]);
  });

  it('should start nothing new after a failure and throw that failure', async () => {
    const started: number[] = [];
    await expect(
      forEachBounded([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        await tick();
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('should refuse a limit below one', async () => {
    await expect(forEachBounded([1], 0, () => Promise.resolve())).rejects.toThrow('limit must be');
  });
});
