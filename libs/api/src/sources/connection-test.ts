import { type ConnectionCheckView, type ConnectionTestView } from './sources.dto';

/** How `POST /v1/sources/{id}/test-connection` bounds its work. */
export const CONNECTION_TEST_LIMITS = {
  /** Member accounts tested per call (organization sources). */
  members: 100,
  /** Roles assumed at once. */
  concurrency: 10,
} as const;

/** A role that did not answer in time. */
export class ConnectionTimeoutError extends Error {
  override readonly name = 'ConnectionTimeoutError';
}

/** `work`, or a {@link ConnectionTimeoutError} after `ms` (the work itself carries on unobserved). */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ConnectionTimeoutError(`no answer from AWS within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Counts of a test: how many roles were tested, worked, failed, and the failures per code. */
export function summarise(checks: readonly ConnectionCheckView[]): ConnectionTestView['summary'] {
  const byCode: Record<string, number> = {};
  for (const check of checks) {
    if (!check.ok && check.code !== undefined) byCode[check.code] = (byCode[check.code] ?? 0) + 1;
  }
  const ok = checks.filter((check) => check.ok).length;
  return { tested: checks.length, ok, failed: checks.length - ok, byCode };
}

/**
 * The SourceIdentity a Palisade session sets (`palisade-<16 hex of the tenant id>`), which the
 * roles' trust allows as `palisade-*`: the same value discovery's preflight and scans use.
 */
export function sourceIdentityOf(tenantId: string): string {
  return `palisade-${tenantId.replace(/-/g, '').slice(0, 16)}`;
}
