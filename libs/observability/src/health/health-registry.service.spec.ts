import { HealthRegistry } from './health-registry.service';

const TIMEOUT_MS = 2_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('HealthRegistry', () => {
  let health: HealthRegistry;

  beforeEach(() => {
    health = new HealthRegistry({ checkTimeoutMs: TIMEOUT_MS });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should be ready when no check is registered', async () => {
    await expect(health.readiness()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('should be ready when every check passes, reporting each one', async () => {
    health.register('kafka', () => Promise.resolve());
    health.register('postgres', () => new Promise((resolve) => setImmediate(resolve)));

    await expect(health.readiness()).resolves.toEqual({
      status: 'ok',
      checks: { kafka: { status: 'ok' }, postgres: { status: 'ok' } },
    });
  });

  it("should be unavailable when one check fails, with that check's error", async () => {
    health.register('kafka', () => Promise.resolve());
    health.register('postgres', () =>
      Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')),
    );

    await expect(health.readiness()).resolves.toEqual({
      status: 'unavailable',
      checks: {
        kafka: { status: 'ok' },
        postgres: { status: 'error', error: 'connect ECONNREFUSED 127.0.0.1:5432' },
      },
    });
  });

  it('should count a check that throws synchronously or rejects with a non-error as failed', async () => {
    health.register('sync', () => {
      throw new Error('boom');
    });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- some clients reject with strings
    health.register('odd', () => Promise.reject('not an error object'));

    const report = await health.readiness();

    expect(report.status).toBe('unavailable');
    expect(report.checks).toEqual({
      sync: { status: 'error', error: 'boom' },
      odd: { status: 'error', error: 'not an error object' },
    });
  });

  it('should fail a check that outlasts the timeout and abort its signal', async () => {
    jest.useFakeTimers();
    let signal: AbortSignal | undefined;
    health.register('slow', (given) => {
      signal = given;
      return new Promise(() => undefined);
    });

    const pending = health.readiness();
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS);

    await expect(pending).resolves.toEqual({
      status: 'unavailable',
      checks: { slow: { status: 'error', error: `timed out after ${TIMEOUT_MS} ms` } },
    });
    expect(signal?.aborted).toBe(true);
  });

  it('should not fail a check that finishes just within the timeout', async () => {
    jest.useFakeTimers();
    health.register(
      'nearly-slow',
      () => new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS - 1)),
    );

    const pending = health.readiness();
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS);

    await expect(pending).resolves.toEqual({
      status: 'ok',
      checks: { 'nearly-slow': { status: 'ok' } },
    });
  });

  it('should run the checks in parallel', async () => {
    const started: string[] = [];
    const first = deferred();
    const second = deferred();
    health.register('first', () => {
      started.push('first');
      return first.promise;
    });
    health.register('second', () => {
      started.push('second');
      return second.promise;
    });

    const pending = health.readiness();
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual(['first', 'second']);
    second.resolve();
    first.resolve();

    await expect(pending).resolves.toMatchObject({ status: 'ok' });
  });

  it('should be unavailable as soon as shutdown begins, without running the checks', async () => {
    const check = jest.fn(() => Promise.resolve());
    health.register('kafka', check);

    health.markShuttingDown();

    await expect(health.readiness()).resolves.toEqual({
      status: 'unavailable',
      shuttingDown: true,
      checks: {},
    });
    expect(check).not.toHaveBeenCalled();
    expect(health.isShuttingDown).toBe(true);
  });

  it('should be unavailable when shutdown begins while the checks run', async () => {
    const check = deferred();
    health.register('kafka', () => check.promise);

    const pending = health.readiness();
    health.markShuttingDown();
    check.resolve();

    await expect(pending).resolves.toMatchObject({ status: 'unavailable', shuttingDown: true });
  });

  it('should mark shutdown when the module is destroyed', () => {
    health.onModuleDestroy();

    expect(health.isShuttingDown).toBe(true);
  });

  it('should tell shutdown listeners once, when shutdown begins, and at once if it has begun', () => {
    const early = jest.fn();
    const unsubscribed = jest.fn();
    health.onShuttingDown(early);
    health.onShuttingDown(unsubscribed)();
    health.markShuttingDown();
    health.markShuttingDown();
    const late = jest.fn();
    health.onShuttingDown(late);
    expect(early).toHaveBeenCalledTimes(1);
    expect(unsubscribed).not.toHaveBeenCalled();
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('should refuse a second check with the same name', () => {
    health.register('kafka', () => Promise.resolve());

    expect(() => health.register('kafka', () => Promise.resolve())).toThrow(
      'A readiness check named "kafka" is already registered',
    );
  });

  it('should forget a check once unregistered', async () => {
    const unregister = health.register('postgres', () => Promise.reject(new Error('down')));

    unregister();

    await expect(health.readiness()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('should truncate a very long error', async () => {
    health.register('verbose', () => Promise.reject(new Error('x'.repeat(1_000))));

    const report = await health.readiness();

    expect(report.checks.verbose?.error).toHaveLength(301);
  });
});
