import { z } from 'zod';

/**
 * A timestamp column as exact text for a cursor (UTC, microseconds: a JS Date keeps only
 * milliseconds, and rows written in the same millisecond must not be skipped or repeated).
 * Read back with `$n::timestamptz`.
 */
export function cursorTime(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** What {@link cursorTime} produces; anything else in a cursor is refused before any query. */
export const cursorTimeSchema = z.string().regex(/^\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
