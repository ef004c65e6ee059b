import { RefreshingCache } from './refreshing-cache';

const timing = { freshMs: 10_000, staleMs: 60_000, maxEntries: 2 };

/** A computation the test resolves or rejects when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RefreshingCache', () => {
  let now: number;
  let errors: unknown[];
  let cache: RefreshingCache<string>;

  beforeEach(() => {
    now = 1_000_000;
    errors = [];
    cache = new RefreshingCache<string>(
      timing,
      (_, error) => errors.push(error),
      () => now,
    );
  });

  it('should compute once and serve the value while it is fresh', async () => {
    const compute = jest.fn(() => Promise.resolve('v1'));
    expect(await cache.get('t', compute)).toEqual({ value: 'v1', computedAt: new Date(now) });
    now += 9_999;
    expect((await cache.get('t', compute)).value).toBe('v1');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('should share one computation between callers arriving while it runs', async () => {
    const running = deferred<string>();
    const compute = jest.fn(() => running.promise);
    const first = cache.get('t', compute);
    const second = cache.get('t', compute);
    running.resolve('v1');
    expect((await first).value).toBe('v1');
    expect((await second).value).toBe('v1');
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('should serve a stale value at once and recompute it in the background', async () => {
    await cache.get('t', () => Promise.resolve('v1'));
    now += 10_000;
    const running = deferred<string>();
    const stale = await cache.get('t', () => running.promise);
    expect(stale).toEqual({ value: 'v1', computedAt: new Date(now - 10_000) });
    running.resolve('v2');
    await running.promise;
    await Promise.resolve();
    expect(await cache.get('t', () => Promise.resolve('v3'))).toEqual({
      value: 'v2',
      computedAt: new Date(now),
    });
  });

  it('should make a caller wait once the value is older than staleMs', async () => {
    await cache.get('t', () => Promise.resolve('v1'));
    now += 60_000;
    expect((await cache.get('t', () => Promise.resolve('v2'))).value).toBe('v2');
  });

  it('should keep the last value when a background recomputation fails, and report it', async () => {
    await cache.get('t', () => Promise.resolve('v1'));
    now += 30_000;
    const failure = new Error('database gone');
    expect((await cache.get('t', () => Promise.reject(failure))).value).toBe('v1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([failure]);
    expect((await cache.get('t', () => Promise.resolve('v2'))).value).toBe('v1');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await cache.get('t', () => Promise.resolve('v3'))).value).toBe('v2');
  });

  it('should fail a caller that waited on a failed computation, and retry on the next', async () => {
    await expect(cache.get('t', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('t', () => Promise.resolve('v1'))).value).toBe('v1');
  });

  it('should keep at most maxEntries keys, dropping the least recently computed', async () => {
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    await cache.get('c', () => Promise.resolve('c1'));
    const recompute = jest.fn(() => Promise.resolve('again'));
    expect((await cache.get('b', recompute)).value).toBe('b1');
    expect((await cache.get('c', recompute)).value).toBe('c1');
    expect((await cache.get('a', recompute)).value).toBe('again');
  });
});
