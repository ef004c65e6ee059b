/** Network failures of the connection itself (server down, restarted, unreachable). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs worth retrying: class 08 (connection exception), 57P01-57P03 (server shutting
 * down, crashed, not accepting connections yet), 53300 (too many connections), 40001 / 40P01
 * (serialization failure, deadlock: the transaction is safe to run again).
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[123]|53300|40001|40P01)$/;

const RELEASED_RUNNER_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  return typeof value.code === 'string' ? value.code : undefined;
}

/**
 * Whether an error from Postgres (pg, or TypeORM wrapping it) means "try again later" rather
 * than "this work is wrong": consumers retry the first in place and commit nothing meanwhile.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 4; depth += 1) {
    const code = codeOf(current);
    if (code !== undefined && (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATE.test(code)))
      return true;
    if (
      current instanceof Error &&
      /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
        current.message,
      )
    ) {
      return true;
    }
    // TypeORM's errors for a transaction whose connection died under it (the rollback finds the
    // runner released). The work never committed: safe to run again.
    if (current instanceof Error && RELEASED_RUNNER_ERRORS.has(current.name)) {
      return true;
    }
    const next: unknown =
      typeof current === 'object' && current !== null
        ? ((current as { driverError?: unknown }).driverError ??
          (current as { cause?: unknown }).cause)
        : undefined;
    current = next;
  }
  return false;
}
