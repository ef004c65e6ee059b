import { backoffDelay, sleepUnlessAborted } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000 };

  it('should double the ceiling with every attempt', () => {
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(1, policy, () => 1)).toBe(200);
    expect(backoffDelay(2, policy, () => 1)).toBe(400);
  });

  it('should never exceed the cap, however many attempts', () => {
    expect(backoffDelay(50, policy, () => 1)).toBe(1000);
    expect(backoffDelay(10_000, policy, () => 0.999)).toBeLessThanOrEqual(1000);
  });

  it('should jitter between half and all of the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(300);
  });
});

describe('sleepUnlessAborted', () => {
  it('should return false at once when the signal aborts during the sleep', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleepUnlessAborted(10_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('should return true after sleeping when not aborted', async () => {
    await expect(sleepUnlessAborted(5, new AbortController().signal)).resolves.toBe(true);
  });
});
