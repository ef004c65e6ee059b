import { setTimeout as sleepFor } from 'node:timers/promises';

export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 200, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": attempt n (0-based) waits between half and all of
 * `min(max, initial * 2^n)`, so retries spread out but never collapse to zero.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * 2 ** Math.min(Math.max(attempt, 0), 40),
  );
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Sleeps, or returns `false` early when the signal aborts (a stop interrupts a backoff). */
export async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) {
    return false;
  }
  try {
    await sleepFor(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
