import { type CheckStatus } from '@palisade/contracts';

/** How many counted check findings of one account and check share a last result and suppression. */
export interface PostureCount {
  readonly accountId: string;
  readonly checkId: string;
  /** The finding's last observed result (`findings.compliance`). */
  readonly compliance: CheckStatus;
  readonly suppressed: boolean;
  readonly count: number;
}

/** An (account, framework) pair that has a posture point and must keep one. */
export interface PostureKey {
  readonly accountId: string;
  readonly framework: string;
}

/** One `posture_snapshots` row of a day. */
export interface PostureSnapshot extends PostureKey {
  readonly passed: number;
  readonly failed: number;
  readonly manual: number;
  readonly errored: number;
  readonly suppressed: number;
  /** 100 × passed / (passed + failed), rounded to 2 decimals; null when both are 0. */
  readonly score: number | null;
}

type Tally = { -readonly [K in 'passed' | 'failed' | 'manual' | 'errored' | 'suppressed']: number };

const COLUMN: Record<CheckStatus, 'passed' | 'failed' | 'manual' | 'errored'> = {
  PASS: 'passed',
  FAIL: 'failed',
  MANUAL: 'manual',
  ERROR: 'errored',
};

/**
 * Folds per-check counts into one snapshot per (account, framework): a finding counts once in
 * every framework its check belongs to (`frameworksOf`; a check no framework lists counts
 * nowhere). A suppressed finding counts only in `suppressed`, so it leaves the score. Every
 * `keep` pair without counts gets an all-zero row (score null), so a point that existed does not
 * keep stale counts. Sorted by account then framework: concurrent writers lock rows in one order.
 */
export function foldPostureCounts(
  counts: readonly PostureCount[],
  frameworksOf: (checkId: string) => readonly string[],
  keep: readonly PostureKey[] = [],
): PostureSnapshot[] {
  const tallies = new Map<string, { key: PostureKey; tally: Tally }>();
  const tallyOf = (key: PostureKey): Tally => {
    const id = `${key.accountId}\u0000${key.framework}`;
    let entry = tallies.get(id);
    if (entry === undefined) {
      entry = { key, tally: { passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 } };
      tallies.set(id, entry);
    }
    return entry.tally;
  };
  for (const row of counts) {
    for (const framework of frameworksOf(row.checkId)) {
      const tally = tallyOf({ accountId: row.accountId, framework });
      tally[row.suppressed ? 'suppressed' : COLUMN[row.compliance]] += row.count;
    }
  }
  for (const key of keep) tallyOf(key);

  return [...tallies.values()]
    .map(({ key, tally }) => ({
      accountId: key.accountId,
      framework: key.framework,
      ...tally,
      score: postureScore(tally.passed, tally.failed),
    }))
    .sort((a, b) => compare(a.accountId, b.accountId) || compare(a.framework, b.framework));
}

/** 100 × passed / (passed + failed) rounded half up to 2 decimals (numeric(5,2)); null without either. */
export function postureScore(passed: number, failed: number): number | null {
  const total = passed + failed;
  return total === 0 ? null : Math.round((10_000 * passed) / total) / 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
