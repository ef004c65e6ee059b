import { type z } from 'zod';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

/** `scope.includeOus[0]` for the path `['scope', 'includeOus', 0]`; `(top level)` for `[]`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Every issue of a zod error on one line: `regions[1]: a region looks like eu-west-1; …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`).join('; ');
}

/** Parses `value` with `schema`, or throws `INVALID_ARGUMENT` naming what and every bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ARGUMENT,
      `invalid ${what}: ${describeIssues(result.error)}`,
    );
  }
  return result.data;
}
