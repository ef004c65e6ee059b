import { z } from 'zod';
import { badRequest } from './problem';

/** `limit` and `cursor` of every list; the cursor is opaque (base64url JSON of the last sort key). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1-500)'),
  cursor: z
    .string()
    .max(2048)
    .optional()
    .describe('`nextCursor` of the previous page; omit for the first page'),
};

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor carries, or a 400 naming `query.cursor` when it is not one we issued. */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('query.cursor', 'not a cursor this API issued');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest('query.cursor', 'not a cursor this API issued');
  return parsed.data;
}

/** The page envelope of every list: `items`, and `nextCursor` (null on the last page). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null at the end'),
  });
}
