// What the IAM collectors share: dates as ISO text and the names of IAM's "absent" errors.

/** An SDK date as ISO 8601 text, or null when absent. */
export function isoOf(date: Date | undefined): string | null {
  return date === undefined ? null : date.toISOString();
}

/** `NoSuchEntity` as the SDK names it, and as the Query protocol's code. */
export const NO_SUCH_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'];
