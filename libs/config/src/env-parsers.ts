import { z } from 'zod';

// Parsers for environment strings. Every one is strict: a value that is not exactly what is
// expected is an error, never silently coerced (KAFKA_SSL=yes is rejected, not read as false).

const BOOLEAN_WORDS = ['true', 'false', '1', '0'] as const;

/** 'true' | 'false' | '1' | '0' → boolean. */
export function bool() {
  return z
    .enum(BOOLEAN_WORDS, { error: `must be one of ${BOOLEAN_WORDS.join(', ')}` })
    .transform((word) => word === 'true' || word === '1');
}

/** A decimal integer within [min, max]. */
export function int(bounds: { readonly min: number; readonly max: number }) {
  const problem = `must be an integer from ${bounds.min} to ${bounds.max}`;
  return z
    .string()
    .regex(/^-?\d+$/, { error: problem })
    .transform(Number)
    .pipe(z.number().int().min(bounds.min, { error: problem }).max(bounds.max, { error: problem }));
}

/** A TCP port; 0 asks the OS for a free one (tests). */
export function port() {
  return int({ min: 0, max: 65_535 });
}

export function oneOf<const V extends readonly [string, ...string[]]>(values: V) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

export function nonEmptyString() {
  return z.string().trim().min(1, { error: 'must not be blank' });
}

const BROKER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** KAFKA_BROKERS: `host:port,host:port` → ['host:port', 'host:port']. */
export function brokerList() {
  return z.string().transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'must list at least one host:port' });
      return z.NEVER;
    }
    const bad = entries.filter((entry) => !isBroker(entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of host:port (bad entries: ${bad.join(', ')})`,
      });
      return z.NEVER;
    }
    return entries;
  });
}

function isBroker(entry: string): boolean {
  const match = BROKER.exec(entry);
  const portNumber = Number(match?.[2]);
  return match !== null && portNumber >= 1 && portNumber <= 65_535;
}

/** A postgres:// or postgresql:// URL. */
export function postgresUrl() {
  return z.url({
    protocol: /^postgres(ql)?$/,
    error: 'must be a postgres:// or postgresql:// URL',
  });
}

/** An http:// or https:// URL. */
export function httpUrl() {
  return z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
}

/** An AWS region name in any partition: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export function awsRegion() {
  return z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: 'must be an AWS region such as us-east-1' });
}
