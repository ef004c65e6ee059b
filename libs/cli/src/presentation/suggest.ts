// "Did you mean …?" for mistyped ids, commands and option names.
import { editDistance } from '@palisade/aws';

/** Most edits a typo may take and still get a suggestion (more reads as a different word). */
const MAX_DISTANCE = 3;
/** Shortest input a unique prefix match is offered for (`cis` → the CIS framework). */
const MIN_PREFIX = 3;

/**
 * The candidate `input` most likely meant, or undefined: the same word in another case, else the
 * nearest by edit distance (at most 3 edits, and fewer than half the input), else the only
 * candidate that starts with the input. Ties go to the earlier candidate.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = input.trim().toLowerCase();
  if (wanted === '') return undefined;
  const limit = Math.min(MAX_DISTANCE, Math.ceil(wanted.length / 2) - 1);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(wanted, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined || wanted.length < MIN_PREFIX) return best;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(wanted));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
