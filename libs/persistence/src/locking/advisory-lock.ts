import { createHash } from 'node:crypto';
import { type DataSource, type EntityManager } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

const LOCK_NAME = /^[a-z0-9][a-z0-9._:-]{0,127}$/;

export type ExclusiveResult<T> = { ran: true; value: T } | { ran: false };

/**
 * The 64-bit advisory lock key of a lock name: the first 8 bytes of sha256("palisade:" + name)
 * as a signed bigint. Computed here rather than with `hashtext()` (32-bit, undocumented) so the
 * key is stable, collision-resistant and testable without a database.
 */
export function advisoryLockKey(lockName: string): bigint {
  if (!LOCK_NAME.test(lockName)) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_LOCK_NAME,
      `lock name must match ${LOCK_NAME.source}, got ${JSON.stringify(lockName.slice(0, 140))}`,
    );
  }
  return createHash('sha256').update(`palisade:${lockName}`).digest().readBigInt64BE(0);
}

/**
 * Runs `fn` only if no other caller — in this process or on any replica — holds `lockName`.
 * Opens a transaction, takes `pg_try_advisory_xact_lock` (never waits), runs `fn` with that
 * transaction's manager and commits; the lock is released by the commit or rollback, so a
 * crashed replica cannot keep it. Returns `{ ran: false }` when another holder has it.
 *
 * `fn`'s writes through `manager` commit with the lock. The transaction carries no tenant:
 * per-tenant work calls `setTenant(manager, id)` per tenant, or uses `withTenant` (a second
 * pooled connection).
 */
export async function runExclusive<T>(
  dataSource: DataSource,
  lockName: string,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<ExclusiveResult<T>> {
  const key = advisoryLockKey(lockName).toString();
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      const rows = await queryRunner.manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1::bigint) AS locked',
        [key],
      );
      if (rows[0]?.locked !== true) {
        await queryRunner.rollbackTransaction();
        return { ran: false };
      }
      const value = await fn(queryRunner.manager);
      await queryRunner.commitTransaction();
      return { ran: true, value };
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    }
  } finally {
    await queryRunner.release();
  }
}
