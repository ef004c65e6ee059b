import { BACKOFF_CAP_MS, outcomeOf, retryDelayMs } from './webhook-sender';

const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('webhook retries', () => {
  it('should back off 30 s × 2^(n−1), capped at 1 h, within ±25 %', () => {
    const low = () => 0;
    const mid = () => 0.5;
    const high = () => 0.999999;
    expect(retryDelayMs(1, mid)).toBe(30_000);
    expect(retryDelayMs(2, mid)).toBe(60_000);
    expect(retryDelayMs(5, mid)).toBe(480_000);
    expect(retryDelayMs(1, low)).toBe(22_500);
    expect(retryDelayMs(1, high)).toBe(37_500);
    expect(retryDelayMs(8, mid)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(30, high)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(30, low)).toBe(BACKOFF_CAP_MS * 0.75);
  });

  it('should mark a 2xx answer succeeded, whatever the attempt', () => {
    for (const statusCode of [200, 201, 204, 299]) {
      expect(outcomeOf({ kind: 'response', statusCode }, 8, 8, NOW)).toEqual({
        status: 'succeeded',
        nextAttemptAt: null,
        statusCode,
        error: null,
      });
    }
  });

  it('should retry anything else (redirects included) until the last attempt, then fail', () => {
    const random = () => 0.5;
    expect(outcomeOf({ kind: 'response', statusCode: 500 }, 1, 3, NOW, random)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(NOW.getTime() + 30_000),
      statusCode: 500,
      error: 'the receiver answered HTTP 500',
    });
    expect(outcomeOf({ kind: 'response', statusCode: 302 }, 2, 3, NOW, random)).toMatchObject({
      status: 'pending',
      nextAttemptAt: new Date(NOW.getTime() + 60_000),
      statusCode: 302,
    });
    expect(outcomeOf({ kind: 'error', error: 'timed out after 100 ms' }, 3, 3, NOW)).toEqual({
      status: 'failed',
      nextAttemptAt: null,
      statusCode: null,
      error: 'timed out after 100 ms',
    });
  });

  it('should keep the recorded error short', () => {
    const outcome = outcomeOf({ kind: 'error', error: 'x'.repeat(5_000) }, 1, 3, NOW);
    expect(outcome.error).toHaveLength(500);
  });
});
