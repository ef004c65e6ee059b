import { z } from 'zod';

/** Splits repeated parameters and comma lists into one list: `?a=x&a=y,z` → [x, y, z]. */
export function splitList(value: unknown): unknown {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v: unknown) =>
    typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v],
  );
  return [...new Set(parts.filter((v) => v !== ''))];
}

/**
 * A query filter taking one value or several, repeated (`?severity=high&severity=critical`) or
 * comma-separated (`?severity=high,critical`); duplicates are dropped, an empty list is refused.
 */
export function listParam<T extends z.ZodType>(item: T, max: number, description: string) {
  return z
    .preprocess(splitList, z.array(item).min(1).max(max))
    .optional()
    .describe(`${description}. Repeat the parameter or separate values with commas (any matches)`);
}

/** A free-text value: no NUL or other control character (Postgres text cannot hold NUL). */
export function printable(max: number) {
  return z
    .string()
    .min(1)
    .max(max)
    .refine(
      (s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
      'control characters are not allowed',
    );
}
