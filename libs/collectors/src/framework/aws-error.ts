// AWS error codes as collectors see them (the SDK's `name`, or the Query protocol's `Code`).

export function awsErrorName(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { name?: unknown; Code?: unknown; code?: unknown };
  for (const v of [e.name, e.Code, e.code]) if (typeof v === 'string' && v.length > 0) return v;
  return undefined;
}

/** Whether an error carries one of these AWS error codes. */
export function hasAwsCode(err: unknown, codes: readonly string[]): boolean {
  const name = awsErrorName(err);
  return name !== undefined && codes.includes(name);
}
