import { foldPostureCounts, type PostureCount, postureScore } from './posture-fold';

const A = '111111111111';
const B = '222222222222';

/** check_cis_only → cis; check_both → cis and pci; check_none → no framework. */
const FRAMEWORKS: Record<string, readonly string[]> = {
  check_cis_only: ['cis'],
  check_both: ['cis', 'pci'],
  check_none: [],
};
const frameworksOf = (checkId: string) => FRAMEWORKS[checkId] ?? [];

const count = (
  accountId: string,
  checkId: string,
  compliance: PostureCount['compliance'],
  n: number,
  suppressed = false,
): PostureCount => ({ accountId, checkId, compliance, suppressed, count: n });

const zero = { passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 };

describe('foldPostureCounts', () => {
  it('should count a finding once in every framework its check belongs to, per account', () => {
    const rows = foldPostureCounts(
      [
        count(A, 'check_both', 'PASS', 3),
        count(A, 'check_both', 'FAIL', 1),
        count(A, 'check_cis_only', 'FAIL', 2),
        count(A, 'check_cis_only', 'MANUAL', 4),
        count(A, 'check_both', 'ERROR', 5),
        count(B, 'check_cis_only', 'PASS', 7),
        count(B, 'check_none', 'FAIL', 100),
        count(B, 'check_unknown', 'FAIL', 100),
      ],
      frameworksOf,
    );

    expect(rows).toEqual([
      {
        accountId: A,
        framework: 'cis',
        ...zero,
        passed: 3,
        failed: 3,
        manual: 4,
        errored: 5,
        score: 50,
      },
      { accountId: A, framework: 'pci', ...zero, passed: 3, failed: 1, errored: 5, score: 75 },
      { accountId: B, framework: 'cis', ...zero, passed: 7, score: 100 },
    ]);
  });

  it('should count suppressed findings only as suppressed, so they leave the score', () => {
    const unsuppressed = foldPostureCounts(
      [count(A, 'check_cis_only', 'PASS', 1), count(A, 'check_cis_only', 'FAIL', 3)],
      frameworksOf,
    );
    const suppressed = foldPostureCounts(
      [
        count(A, 'check_cis_only', 'PASS', 1),
        count(A, 'check_cis_only', 'FAIL', 1),
        count(A, 'check_cis_only', 'FAIL', 2, true),
        count(A, 'check_cis_only', 'MANUAL', 1, true),
        count(A, 'check_cis_only', 'PASS', 4, true),
      ],
      frameworksOf,
    );

    expect(unsuppressed).toEqual([
      { accountId: A, framework: 'cis', ...zero, passed: 1, failed: 3, score: 25 },
    ]);
    expect(suppressed).toEqual([
      { accountId: A, framework: 'cis', ...zero, passed: 1, failed: 1, suppressed: 7, score: 50 },
    ]);
  });

  it('should leave the score null without passed or failed findings, even with others', () => {
    expect(
      foldPostureCounts(
        [
          count(A, 'check_cis_only', 'MANUAL', 2),
          count(A, 'check_cis_only', 'ERROR', 1),
          count(A, 'check_cis_only', 'FAIL', 3, true),
        ],
        frameworksOf,
      ),
    ).toEqual([
      {
        accountId: A,
        framework: 'cis',
        ...zero,
        manual: 2,
        errored: 1,
        suppressed: 3,
        score: null,
      },
    ]);
  });

  it('should give a zero row, score null, to a kept pair without counts and not duplicate one with counts', () => {
    const rows = foldPostureCounts([count(A, 'check_cis_only', 'PASS', 1)], frameworksOf, [
      { accountId: A, framework: 'cis' },
      { accountId: B, framework: 'pci' },
    ]);

    expect(rows).toEqual([
      { accountId: A, framework: 'cis', ...zero, passed: 1, score: 100 },
      { accountId: B, framework: 'pci', ...zero, score: null },
    ]);
  });

  it('should return nothing for no counts and nothing to keep', () => {
    expect(foldPostureCounts([], frameworksOf)).toEqual([]);
  });
});

describe('postureScore', () => {
  it.each([
    [2, 1, 66.67],
    [1, 2, 33.33],
    [1, 7, 12.5],
    [1, 32, 3.03],
    [1, 63, 1.56],
    // 100 / 32 = 3.125 and 100 / 160 = 0.625 exactly: half rounds up.
    [1, 31, 3.13],
    [1, 159, 0.63],
    [0, 5, 0],
    [5, 0, 100],
    [999_999, 1, 100],
    [1, 999_999, 0],
  ])('should score %i passed and %i failed as %d', (passed, failed, score) => {
    expect(postureScore(passed, failed)).toBe(score);
  });

  it('should be null when nothing passed or failed', () => {
    expect(postureScore(0, 0)).toBeNull();
  });
});
