import { FRAMEWORKS } from '@palisade/checks';
import { findingState, postureScore, registryCatalogue } from './scan-report.fold';
import { ACC_1, ACC_2, ACC_3, count, finding, job, model } from './test/report-fixtures';

const zero = { passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 };

describe('buildScanReport', () => {
  it('should score passed / (passed + failed), with manual, error and suppressed counted apart', () => {
    const report = model({
      counts: [
        count(ACC_1, 'check_a', 'PASS', 2),
        count(ACC_1, 'check_a', 'FAIL', 1),
        count(ACC_1, 'check_a', 'MANUAL', 4),
        count(ACC_1, 'check_a', 'ERROR', 5),
        count(ACC_1, 'check_a', 'FAIL', 7, { suppressed: true }),
        count(ACC_1, 'check_a', 'PASS', 3, { suppressed: true, status: 'compliant' }),
      ],
    });

    const [account] = report.accounts;
    expect(account?.posture).toEqual({
      passed: 2,
      failed: 1,
      manual: 4,
      errored: 5,
      suppressed: 10,
      score: 66.67,
    });
    expect(report.totals.posture.score).toBe(66.67);
  });

  it('should leave out resolved findings whose last result failed, checks of no framework and Inspector2', () => {
    const report = model({
      counts: [
        count(ACC_1, 'check_a', 'PASS', 1),
        count(ACC_1, 'check_a', 'PASS', 2, { status: 'resolved' }),
        count(ACC_1, 'check_a', 'FAIL', 9, { status: 'resolved' }),
        count(ACC_1, 'retired_check', 'FAIL', 50),
        count(ACC_1, null, null, 6, { status: 'in_progress', severity: 'critical' }),
      ],
    });

    expect(report.accounts[0]?.posture).toEqual({ ...zero, passed: 3, score: 100 });
    // Still findings of the account: in the totals by state and the open severities.
    expect(report.totals.findings).toBe(68);
    expect(report.totals.byState).toEqual({
      open: 56,
      manual: 0,
      error: 0,
      suppressed: 0,
      resolved: 11,
      passing: 1,
    });
    expect(report.openBySeverity.inspector.critical).toBe(6);
    expect(report.openBySeverity.checks.high).toBe(50);
  });

  it('should count a finding once per account and once in each framework of its check', () => {
    const report = model({
      counts: [
        count(ACC_1, 'check_ab', 'PASS', 3),
        count(ACC_1, 'check_ab', 'FAIL', 1),
        count(ACC_1, 'check_a', 'FAIL', 2),
        count(ACC_2, 'check_b', 'PASS', 1),
      ],
    });

    const [one, two] = report.accounts;
    expect(one?.posture).toEqual({ ...zero, passed: 3, failed: 3, score: 50 });
    expect(one?.frameworks).toEqual({
      'fw-a': { ...zero, passed: 3, failed: 3, score: 50 },
      'fw-b': { ...zero, passed: 3, failed: 1, score: 75 },
    });
    expect(two?.frameworks).toEqual({ 'fw-b': { ...zero, passed: 1, score: 100 } });
    expect(report.totals.posture).toEqual({ ...zero, passed: 4, failed: 3, score: 57.14 });
    expect(report.frameworks).toEqual([
      {
        id: 'fw-a',
        name: 'Framework A',
        version: '1.0',
        posture: { ...zero, passed: 3, failed: 3, score: 50 },
      },
      {
        id: 'fw-b',
        name: 'Framework B',
        version: '2.0',
        posture: { ...zero, passed: 4, failed: 1, score: 80 },
      },
    ]);
  });

  it('should list failing requirements in framework order with their failing accounts and findings', () => {
    const report = model({
      jobs: [job(ACC_1), job(ACC_2), job(ACC_3)],
      counts: [
        count(ACC_2, 'check_b', 'FAIL', 2),
        count(ACC_1, 'check_ab', 'FAIL', 1),
        count(ACC_3, 'check_ab', 'FAIL', 4, { suppressed: true }),
        count(ACC_3, 'check_a', 'FAIL', 5, { status: 'resolved' }),
        count(ACC_3, 'check_a', 'PASS', 1),
      ],
    });

    expect(report.failingRequirements).toEqual([
      {
        id: 'fw-a',
        name: 'Framework A',
        version: '1.0',
        requirements: [
          {
            id: '1.2',
            title: 'Second of A',
            checks: ['check_ab'],
            failingAccounts: [ACC_1],
            findings: 1,
          },
        ],
      },
      {
        id: 'fw-b',
        name: 'Framework B',
        version: '2.0',
        requirements: [
          {
            id: 'b.1',
            title: 'First of B',
            checks: ['check_ab', 'check_b'],
            failingAccounts: [ACC_1, ACC_2],
            findings: 3,
          },
          {
            id: 'b.2',
            title: 'Second of B',
            checks: ['check_b'],
            failingAccounts: [ACC_2],
            findings: 2,
          },
        ],
      },
    ]);
  });

  it('should roll OU posture up the tree and count accounts directly in each OU apart', () => {
    const report = model({
      jobs: [
        job(ACC_1, { ouId: 'ou-prod', ouPath: '/Root/Workloads/Prod' }),
        job(ACC_2, { ouId: 'ou-work', ouPath: '/Root/Workloads' }),
        job(ACC_3, { ouId: 'r-root', ouPath: '/Root' }),
      ],
      ous: [
        { ouId: 'r-root', name: 'Root', parentId: null, path: '/Root' },
        { ouId: 'ou-work', name: 'Workloads', parentId: 'r-root', path: '/Root/Workloads' },
        { ouId: 'ou-prod', name: 'Prod', parentId: 'ou-work', path: '/Root/Workloads/Prod' },
        { ouId: 'ou-empty', name: 'Sandbox', parentId: 'r-root', path: '/Root/Sandbox' },
      ],
      counts: [
        count(ACC_1, 'check_a', 'FAIL', 3, { severity: 'critical' }),
        count(ACC_2, 'check_a', 'PASS', 1),
        count(ACC_3, 'check_a', 'PASS', 4),
      ],
    });

    expect(
      report.ous.map((o) => [o.path, o.depth, o.accounts, o.directAccounts, o.posture.score]),
    ).toEqual([
      ['/Root', 0, 3, 1, 62.5],
      ['/Root/Workloads', 1, 2, 1, 25],
      ['/Root/Workloads/Prod', 2, 1, 1, 0],
    ]);
    expect(report.ous[0]?.open.critical).toBe(3);
  });

  it('should keep one account per id with all its jobs, and ignore findings of accounts not in the scan', () => {
    const report = model({
      jobs: [
        job(ACC_1, { scope: 'organization', name: null, state: null }),
        job(ACC_1),
        job(ACC_2, { status: 'skipped', skipReason: 'SUSPENDED' }),
      ],
      counts: [count(ACC_3, 'check_a', 'FAIL', 10)],
    });

    expect(report.accounts.map((a) => [a.accountId, a.name, a.jobs.map((j) => j.scope)])).toEqual([
      [ACC_1, 'Account 111', ['account', 'organization']],
      [ACC_2, 'Account 222', ['account']],
    ]);
    expect(report.totals.findings).toBe(0);
  });

  it('should sum trend points per day and score each from the sums', () => {
    const report = model({
      snapshots: [
        { day: '2026-03-09', framework: 'fw-a', ...zero, passed: 1, failed: 3 },
        { day: '2026-03-08', framework: 'fw-a', ...zero, passed: 1, failed: 1 },
        { day: '2026-03-09', framework: 'fw-b', ...zero, manual: 2 },
      ],
    });

    expect(report.trends).toEqual([
      {
        frameworkId: 'fw-a',
        frameworkName: 'Framework A',
        points: [
          { day: '2026-03-08', ...zero, passed: 1, failed: 1, score: 50 },
          { day: '2026-03-09', ...zero, passed: 1, failed: 3, score: 25 },
        ],
      },
      {
        frameworkId: 'fw-b',
        frameworkName: 'Framework B',
        points: [{ day: '2026-03-09', ...zero, manual: 2, score: null }],
      },
    ]);
  });

  it('should give findings rows their state and keep the limit and the total', () => {
    const report = model({
      counts: [count(ACC_1, 'check_a', 'FAIL', 3)],
      findings: [finding(), finding({ status: 'in_progress', suppressed: true })],
      findingsLimit: 2,
    });

    expect(report.findings.total).toBe(3);
    expect(report.findings.limit).toBe(2);
    expect(report.findings.rows.map((r) => r.state)).toEqual(['open', 'suppressed']);
  });
});

describe('postureScore', () => {
  it.each([
    [2, 1, 66.67],
    [1, 2, 33.33],
    [1, 31, 3.13],
    [0, 5, 0],
    [5, 0, 100],
  ])('should score %i passed and %i failed as %d (the normaliser’s rounding)', (p, f, score) => {
    expect(postureScore(p, f)).toBe(score);
  });

  it('should be null without passed or failed results', () => {
    expect(postureScore(0, 0)).toBeNull();
  });
});

describe('findingState', () => {
  it.each([
    ['new', false, 'open'],
    ['in_progress', false, 'open'],
    ['new', true, 'suppressed'],
    ['manual', false, 'manual'],
    ['manual', true, 'suppressed'],
    ['error', false, 'error'],
    ['resolved', true, 'resolved'],
    ['compliant', true, 'passing'],
  ] as const)('should read status %s (suppressed %s) as %s', (status, suppressed, state) => {
    expect(findingState(status, suppressed)).toBe(state);
  });
});

describe('registryCatalogue', () => {
  it('should map real checks to the registry’s frameworks', () => {
    const catalogue = registryCatalogue();
    expect(catalogue.frameworks).toBe(FRAMEWORKS);
    expect(catalogue.compliance('inspector2_scanning_enabled')).toEqual({
      'palisade-security-coverage-v1': ['inspector2'],
    });
    expect(catalogue.compliance('no_such_check')).toBeUndefined();
  });
});
