import { z } from 'zod';

/** What a secret value becomes in logs and in `redactConfig` output. */
export const REDACTED = '[redacted]';

const secrets = z.registry<Record<string, never>>();

/**
 * Marks a schema as holding a secret: its value is replaced by `[redacted]` in
 * `redactConfig` output and never appears in a `ConfigError` message. Wrapping the result
 * (`secret(z.string()).optional()`) keeps the mark.
 */
export function secret<S extends z.ZodType>(schema: S): S {
  secrets.add(schema, {});
  return schema;
}

/** True when the schema, or a schema it wraps (optional, default, pipe...), is a secret. */
export function isSecret(schema: z.ZodType): boolean {
  if (secrets.has(schema)) {
    return true;
  }
  const def = schema.def as { innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
  return [def.innerType, def.in, def.out].some((inner) => inner !== undefined && isSecret(inner));
}
