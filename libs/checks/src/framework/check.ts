import { type CheckResult } from '@palisade/contracts';
import { type CheckContext } from './context';
import { type CheckMetadata, type CheckMetadataInput, checkMetadataSchema } from './metadata';
import { type CollectedSnapshot } from './snapshot';

/**
 * A check: metadata and a pure evaluation over collected data. No AWS SDK, no I/O, no clock.
 * The runner only calls `evaluate` when every collected key in `requires` is available for the
 * scope evaluated; a failed collector makes the check ERROR before `evaluate` is reached.
 */
export interface Check {
  readonly metadata: CheckMetadata;
  evaluate(collected: CollectedSnapshot, ctx: CheckContext): CheckResult[];
}

/** Validates the metadata once, at module load: a bad metadata file fails every test. */
export function defineCheck(
  metadata: CheckMetadataInput,
  evaluate: (collected: CollectedSnapshot, ctx: CheckContext) => CheckResult[],
): Check {
  const { requires, ...described } = metadata;
  const parsed = checkMetadataSchema.safeParse(described);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid metadata of check ${metadata.id}: ${issues.join('; ')}`);
  }
  if (requires.length === 0) throw new Error(`check ${metadata.id} requires no collected data`);
  return { metadata: { ...parsed.data, requires }, evaluate };
}
