import { FrameworkCatalog } from './framework-catalog';
import { accountsUnderOus } from './inventory';
import {
  type CheckTally,
  foldFramework,
  type Inventory,
  postureScore,
  requirementStatus,
} from './posture';

const CIS = 'cis-aws-foundations-v7.0.0';
const catalog = new FrameworkCatalog();
const cis = catalog.framework(CIS);
if (!cis) throw new Error('CIS is in the registry');

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';

const tally = (accountId: string, checkId: string, counts: Partial<CheckTally>): CheckTally => ({
  accountId,
  checkId,
  passed: 0,
  failed: 0,
  manual: 0,
  errored: 0,
  suppressed: 0,
  ...counts,
});

const inventory: Inventory = {
  accounts: new Map([
    [A, { accountId: A, name: 'a', ouId: 'ou-ab12-child001', ouPath: '/Root/P/C' }],
    [B, { accountId: B, name: 'b', ouId: 'ou-ab12-parent01', ouPath: '/Root/P' }],
    [C, { accountId: C, name: 'c', ouId: 'ou-ab12-gone0001', ouPath: '/Root/Gone' }],
  ]),
  ous: new Map([
    ['r-ab12', { ouId: 'r-ab12', name: 'Root', path: '/Root', parentId: null }],
    [
      'ou-ab12-parent01',
      { ouId: 'ou-ab12-parent01', name: 'P', path: '/Root/P', parentId: 'r-ab12' },
    ],
    [
      'ou-ab12-child001',
      { ouId: 'ou-ab12-child001', name: 'C', path: '/Root/P/C', parentId: 'ou-ab12-parent01' },
    ],
  ]),
};

describe('postureScore (the normaliser’s snapshot score)', () => {
  it.each([
    [2, 1, 66.67],
    [1, 2, 33.33],
    [1, 31, 3.13],
    [1, 159, 0.63],
    [0, 5, 0],
    [5, 0, 100],
    [999_999, 1, 100],
  ])('should score %i passed and %i failed as %d', (passed, failed, score) => {
    expect(postureScore(passed, failed)).toBe(score);
  });

  it('should be null when nothing passed or failed', () => {
    expect(postureScore(0, 0)).toBeNull();
  });
});

describe('requirementStatus', () => {
  const zero = { passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 };
  it.each([
    [{ passed: 5, failed: 1, errored: 1, manual: 1 }, 'fail'],
    [{ passed: 5, errored: 1, manual: 1 }, 'error'],
    [{ passed: 5, manual: 1 }, 'manual'],
    [{ passed: 1 }, 'pass'],
    [{ suppressed: 3 }, 'not_evaluated'],
    [{}, 'not_evaluated'],
  ])('should read %j as %s', (counts, status) => {
    expect(requirementStatus({ ...zero, ...counts })).toBe(status);
  });
});

describe('accountsUnderOus', () => {
  it('should take an OU’s descendants, and no account of an OU that is gone', () => {
    expect([...accountsUnderOus(inventory, ['ou-ab12-parent01'])].sort()).toEqual([A, B]);
    expect([...accountsUnderOus(inventory, ['ou-ab12-child001'])]).toEqual([A]);
    expect([...accountsUnderOus(inventory, ['r-ab12'])].sort()).toEqual([A, B]);
    expect([...accountsUnderOus(inventory, ['ou-ab12-gone0001'])]).toEqual([]);
  });
});

describe('foldFramework', () => {
  const tallies = [
    // A: 2.5 passes, 2.4 fails, 3.1.4 passes with a suppressed finding beside.
    tally(A, 'iam_root_mfa_enabled', { passed: 1 }),
    tally(A, 'iam_root_access_key_absent', { failed: 1 }),
    tally(A, 's3_bucket_public_access_block', { passed: 4, suppressed: 2 }),
    // B: 2.5 errors; 3.2.4's two checks, one manual-free pass and one fail.
    tally(B, 'iam_root_mfa_enabled', { errored: 1 }),
    tally(B, 'rds_instance_multi_az_enabled', { passed: 2 }),
    tally(B, 'rds_cluster_multi_az_enabled', { failed: 2 }),
    // C: in an OU that is gone; a check of another framework only.
    tally(C, 'account_contact_details_current', { manual: 1 }),
    tally(C, 'inspector2_scanning_enabled', { failed: 9 }),
  ];

  it('should count each finding once per framework and score every account', () => {
    const result = foldFramework(cis, catalog, tallies, inventory, false);
    expect(result.posture).toEqual({
      passed: 7,
      failed: 3,
      manual: 1,
      errored: 1,
      suppressed: 2,
      score: 70,
    });
    expect(result.accounts.map((a) => [a.accountId, a.posture.score, a.requirements])).toEqual([
      [A, 83.33, { pass: 2, fail: 1, error: 0, manual: 0, notEvaluated: 67 }],
      [B, 50, { pass: 0, fail: 1, error: 1, manual: 0, notEvaluated: 68 }],
      [C, null, { pass: 0, fail: 0, error: 0, manual: 1, notEvaluated: 69 }],
    ]);
  });

  it('should pool an OU over its descendants and leave out accounts of OUs that are gone', () => {
    const result = foldFramework(cis, catalog, tallies, inventory, false);
    expect(result.ous.map((o) => [o.path, o.accounts, o.posture.score])).toEqual([
      ['/Root', 2, 70],
      ['/Root/P', 2, 70],
      ['/Root/P/C', 1, 83.33],
    ]);
    const parent = result.ous.find((o) => o.ouId === 'ou-ab12-parent01');
    // 2.5: A pass + B error → error; 2.4 fail; 3.1.4 pass; 3.2.4 fail.
    expect(parent?.requirements).toEqual({
      pass: 1,
      fail: 2,
      error: 1,
      manual: 0,
      notEvaluated: 66,
    });
  });

  it('should give each requirement the accounts in each status, and detail them on demand', () => {
    const summary = foldFramework(cis, catalog, tallies, inventory, false);
    expect(summary.requirements.find((r) => r.id === '2.5')).toEqual({
      id: '2.5',
      title: expect.any(String) as string,
      status: 'error',
      accounts: { pass: 1, fail: 0, error: 1, manual: 0, notEvaluated: 1 },
    });
    const detail = foldFramework(cis, catalog, tallies, inventory, true);
    const rds = detail.requirements.find((r) => r.id === '3.2.4');
    expect(rds?.checkIds).toEqual([
      'rds_cluster_multi_az_enabled',
      'rds_instance_multi_az_enabled',
    ]);
    expect(rds?.byAccount).toEqual([
      {
        accountId: B,
        status: 'fail',
        posture: { passed: 2, failed: 2, manual: 0, errored: 0, suppressed: 0, score: 50 },
      },
    ]);
    expect(
      rds?.byOu.map((o) => [o.ouId, o.status, o.accounts.fail, o.accounts.notEvaluated]),
    ).toEqual([
      ['r-ab12', 'fail', 1, 1],
      ['ou-ab12-parent01', 'fail', 1, 1],
      ['ou-ab12-child001', 'not_evaluated', 0, 1],
    ]);
  });

  it('should list nothing for no tallies', () => {
    const result = foldFramework(cis, catalog, [], inventory, false);
    expect(result.accounts).toEqual([]);
    expect(result.ous).toEqual([]);
    expect(result.posture.score).toBeNull();
    expect(result.requirementStatus.notEvaluated).toBe(cis.requirements.length);
  });
});

describe('FrameworkCatalog', () => {
  it('should map every requirement of every framework to at least one check', () => {
    for (const framework of catalog.frameworks) {
      for (const requirement of framework.requirements) {
        expect([framework.id, requirement.id, requirement.checkIds.length > 0]).toEqual([
          framework.id,
          requirement.id,
          true,
        ]);
      }
    }
  });

  it('should know a requirement’s checks and a check’s requirements', () => {
    expect(catalog.checksOf(CIS, '2.5')).toEqual(['iam_root_mfa_enabled']);
    expect(catalog.checksOf(CIS, '99')).toBeUndefined();
    expect(catalog.checksOf('nist')).toBeUndefined();
    expect(catalog.requirementsOf('iam_root_mfa_enabled', CIS)).toEqual(['2.5']);
    expect(catalog.requirementsOf('iam_root_mfa_enabled', 'palisade-security-coverage-v1')).toEqual(
      [],
    );
  });
});
