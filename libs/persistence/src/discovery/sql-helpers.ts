import { type EntityManager } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

/** Rows per multi-row statement: well under Postgres' limits, large enough to cut round trips. */
export const UPSERT_CHUNK_SIZE = 500;

export function chunk<T>(items: readonly T[], size: number = UPSERT_CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Runs a statement that returns rows (SELECT, INSERT … RETURNING, or a data-modifying CTE ending
 * in a SELECT). Not for a bare UPDATE/DELETE, for which TypeORM returns `[rows, count]`: wrap those
 * in `WITH x AS (UPDATE … RETURNING …) SELECT …`.
 */
export function selectRows<T>(
  manager: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  return manager.query<T[]>(sql, [...params]);
}

/** The first row of a statement that must return one (e.g. INSERT … RETURNING). */
export function firstRow<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined)
    throw new Error('expected the statement to return a row, it returned none');
  return row;
}

/** For a statement ending in `SELECT count(*)::int AS n …`. */
export async function selectCount(
  manager: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<number> {
  const rows = await selectRows<{ n: number }>(manager, sql, params);
  return rows[0]?.n ?? 0;
}

/**
 * `items` sorted by `keyOf` in code-unit order — the order of `COLLATE "C"` in SQL. Multi-row
 * writes sort their whole input this way, chunk it, and insert each chunk `ORDER BY … COLLATE "C"`,
 * so concurrent writers of overlapping rows take their row locks in one global order (no deadlock).
 */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function assertUnique<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  what: string,
): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) {
      throw new PersistenceError(
        PersistenceErrorCode.INVALID_ARGUMENT,
        `${what} ${key} is listed twice: a multi-row upsert cannot change one row twice`,
      );
    }
    seen.add(key);
  }
}

export function assertLimit(limit: number, max: number, what: string): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ARGUMENT,
      `${what} must be an integer in 1..${max}, got ${limit}`,
    );
  }
}
