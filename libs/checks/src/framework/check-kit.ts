// What check specs use: a context with sensible defaults and a run through the real runner
// (so a failed collector reaches the spec as the ERROR a scan would produce).
import { type CheckResult, DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { type Check } from './check';
import { type CheckContext } from './context';
import { evaluateChecks } from './runner';
import { type CollectedSnapshot } from './snapshot';

export const KIT_ACCOUNT = '111122223333';

/** A job context: one account, eu-west-1 and us-east-1 scanned and enabled, CIS defaults. */
export function checkContext(
  overrides: Partial<Omit<CheckContext, 'region'>> = {},
): Omit<CheckContext, 'region'> {
  return {
    accountId: KIT_ACCOUNT,
    partition: 'aws',
    regions: {
      scanned: ['eu-west-1', 'us-east-1'],
      enabled: ['eu-west-1', 'us-east-1'],
      notEnabled: [],
    },
    settings: { ...DEFAULT_CHECK_SETTINGS },
    sourceKind: 'organization',
    now: new Date('2026-06-01T00:00:00Z'),
    ...overrides,
  };
}

/** Every result of one check over a snapshot, as a job of the given scope would produce them. */
export function runCheck(
  check: Check,
  snapshot: CollectedSnapshot,
  context: Omit<CheckContext, 'region'> = checkContext(),
  jobScope: 'account' | 'organization' = check.metadata.scope === 'organization'
    ? 'organization'
    : 'account',
): CheckResult[] {
  return [...evaluateChecks({ checks: [check], snapshot, context, jobScope })].flatMap(
    (s) => s.results,
  );
}
