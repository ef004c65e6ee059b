import { CredentialCache } from './credential-cache';

interface Value {
  id: number;
  expiration: Date;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CredentialCache', () => {
  let now: number;
  let loads: number;
  let cache: CredentialCache<Value>;
  const HOUR = 3_600_000;
  const MARGIN = 300_000;
  const load = () => {
    loads += 1;
    return Promise.resolve({ id: loads, expiration: new Date(now + HOUR) });
  };

  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00Z');
    loads = 0;
    cache = new CredentialCache<Value>(MARGIN, () => now);
  });

  it('should serve the cached value while it is outside the refresh margin', async () => {
    await cache.get('k', load);
    now += HOUR - MARGIN - 1;
    expect((await cache.get('k', load)).id).toBe(1);
    expect(loads).toBe(1);
  });

  it('should load again once the value enters the refresh margin, before it expires', async () => {
    await cache.get('k', load);
    now += HOUR - MARGIN;
    expect((await cache.get('k', load)).id).toBe(2);
  });

  it('should give concurrent callers the same in-flight load', async () => {
    const d = deferred<Value>();
    const slowLoad = jest.fn(() => d.promise);
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get('k', slowLoad)));
    d.resolve({ id: 7, expiration: new Date(now + HOUR) });
    expect((await all).every((v) => v.id === 7)).toBe(true);
    expect(slowLoad).toHaveBeenCalledTimes(1);
  });

  it('should keep keys apart', async () => {
    await cache.get('a', load);
    await cache.get('b', load);
    expect(loads).toBe(2);
  });

  it('should not cache a failed load, so the next caller tries again', async () => {
    await expect(cache.get('k', () => Promise.reject(new Error('denied')))).rejects.toThrow(
      'denied',
    );
    expect(cache.has('k')).toBe(false);
    expect((await cache.get('k', load)).id).toBe(1);
  });

  it('should drop an entry on invalidate', async () => {
    await cache.get('k', load);
    expect(cache.invalidate('k')).toBe(true);
    expect((await cache.get('k', load)).id).toBe(2);
  });

  it('should not drop an entry refreshed after the failing call started', async () => {
    await cache.get('k', load);
    const callStarted = now;
    now += 10;
    cache.invalidate('k', callStarted); // first failing call: drops the stale entry
    await cache.get('k', load); // ... and refreshes at now
    expect(cache.invalidate('k', callStarted)).toBe(false); // second failing call, same start
    expect((await cache.get('k', load)).id).toBe(2);
  });

  it('should not drop an in-flight load on invalidate', async () => {
    const d = deferred<Value>();
    const pending = cache.get('k', () => d.promise);
    expect(cache.invalidate('k')).toBe(false);
    d.resolve({ id: 9, expiration: new Date(now + HOUR) });
    expect((await pending).id).toBe(9);
    expect((await cache.get('k', load)).id).toBe(9);
  });
});
