import { randomUUID } from 'node:crypto';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';
import {
  type FindingSeed,
  seedFindings,
  seedHistory,
  seedInventory,
  seedSnapshots,
} from './support/findings-seed';

interface Posture {
  score: number | null;
  passed: number;
  failed: number;
  manual: number;
  errored: number;
  suppressed: number;
}
interface StatusCounts {
  pass: number;
  fail: number;
  error: number;
  manual: number;
  notEvaluated: number;
}
interface AccountPosture {
  accountId: string;
  name: string | null;
  ouId: string | null;
  ouPath: string | null;
  posture: Posture;
  requirements: StatusCounts;
}
interface OuPosture {
  ouId: string;
  name: string;
  path: string;
  parentId: string | null;
  accounts: number;
  posture: Posture;
  requirements: StatusCounts;
}
interface RequirementSummary {
  id: string;
  title: string;
  status: string;
  accounts: StatusCounts;
}
interface RequirementDetail extends RequirementSummary {
  checkIds: string[];
  posture: Posture;
  byAccount: { accountId: string; status: string; posture: Posture }[];
  byOu: { ouId: string; path: string; status: string; accounts: StatusCounts }[];
}
interface Framework<R> {
  id: string;
  name: string;
  version: string;
  posture: Posture;
  requirementStatus: StatusCounts;
  requirements: R[];
  accounts: AccountPosture[];
  ous: OuPosture[];
}
interface Summary {
  computedAt: string;
  frameworks: Framework<RequirementSummary>[];
}
type Detail = Framework<RequirementDetail> & { computedAt: string };
interface Trends {
  from: string;
  to: string;
  posture: { framework: string; points: (Posture & { day: string; accounts: number })[] }[];
  open: {
    day: string;
    total: number;
    critical: number;
    high: number;
    medium: number;
    low: number;
    informational: number;
    unknown: number;
  }[];
}
interface Problem {
  status: number;
  detail: string;
  errors?: { field: string }[];
}

const A1 = '111111111111';
const A2 = '222222222222';
const A3 = '333333333333';
const A4 = '444444444444';
const ROOT = 'r-ab12';
const PROD = 'ou-ab12-prod0001';
const WEB = 'ou-ab12-web00001';
const DEV = 'ou-ab12-dev00001';
const CIS = 'cis-aws-foundations-v7.0.0';
const COVERAGE = 'palisade-security-coverage-v1';
const CIS_REQUIREMENTS = 70;
const NOW = new Date();

const posture = (p: Partial<Posture> & { score: number | null }): Posture => ({
  passed: 0,
  failed: 0,
  manual: 0,
  errored: 0,
  suppressed: 0,
  ...p,
});
const counts = (c: Partial<StatusCounts>, total: number): StatusCounts => {
  const known = { pass: 0, fail: 0, error: 0, manual: 0, ...c };
  return {
    ...known,
    notEvaluated: total - known.pass - known.fail - known.error - known.manual,
  };
};

describe('compliance routes (/v1/compliance, /v1/trends)', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let reader: string;

  const get = (path: string, key = reader) =>
    api.request().get(path).set('Authorization', `Bearer ${key}`);

  const framework = async (query: string, id: string, key = reader) => {
    const response = await get(`/v1/compliance${query}`, key);
    expect(response.status).toBe(200);
    const found = (response.body as Summary).frameworks.find((f) => f.id === id);
    if (!found) throw new Error(`no framework ${id} in the response`);
    return found;
  };

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant('compliance-a');
    other = await api.createTenant('compliance-b');
    reader = await api.createKey(tenant.tenantId, ['findings:read']);
    await seedInventory(
      api,
      tenant.tenantId,
      [
        { ouId: ROOT, name: 'Root', parentId: null, path: '/Root' },
        { ouId: PROD, name: 'Prod', parentId: ROOT, path: '/Root/Prod' },
        { ouId: WEB, name: 'Web', parentId: PROD, path: '/Root/Prod/Web' },
        { ouId: DEV, name: 'Dev', parentId: ROOT, path: '/Root/Dev' },
      ],
      [
        { accountId: A1, name: 'web-prod', ouId: WEB },
        { accountId: A2, name: 'prod', ouId: PROD },
        { accountId: A3, name: 'dev', ouId: DEV },
      ],
    );
    const at = new Date('2030-01-10T12:00:00.000Z');
    const check = (
      accountId: string,
      checkId: string,
      compliance: 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR',
      extra: Partial<FindingSeed> = {},
    ): FindingSeed => ({ accountId, checkId, compliance, lastSeenAt: at, ...extra }) as FindingSeed;
    await seedFindings(api, tenant.tenantId, [
      // A1: 2.5 pass; 2.4 fail; 3.1.4 two PASS and a suppressed FAIL (out); 2.2 manual.
      check(A1, 'iam_root_mfa_enabled', 'PASS'),
      check(A1, 'iam_root_access_key_absent', 'FAIL'),
      check(A1, 's3_bucket_public_access_block', 'PASS'),
      check(A1, 's3_bucket_public_access_block', 'PASS'),
      check(A1, 's3_bucket_public_access_block', 'FAIL', { suppressedBy: randomUUID() }),
      check(A1, 'account_contact_details_current', 'MANUAL'),
      // A2: 2.5 fail; 2.4 pass; 3.1.4 PASS and a resolved FAIL (the resource is gone: out);
      // 6.7 an ERROR and a resolved-now-PASS (counted).
      check(A2, 'iam_root_mfa_enabled', 'FAIL'),
      check(A2, 'iam_root_access_key_absent', 'PASS'),
      check(A2, 's3_bucket_public_access_block', 'PASS'),
      check(A2, 's3_bucket_public_access_block', 'FAIL', { resolvedAt: at }),
      check(A2, 'ec2_instance_imdsv2_required', 'ERROR', { region: 'eu-west-1' }),
      check(A2, 'ec2_instance_imdsv2_required', 'PASS', { region: 'eu-west-1', resolvedAt: at }),
      // A3: 2.5 pass; 3.2.4 has two checks, one passes, one fails.
      check(A3, 'iam_root_mfa_enabled', 'PASS'),
      check(A3, 'rds_instance_multi_az_enabled', 'PASS', { region: 'eu-west-1' }),
      check(A3, 'rds_cluster_multi_az_enabled', 'FAIL', { region: 'eu-west-1' }),
      // A4: not in the inventory (no OU).
      check(A4, 'iam_root_mfa_enabled', 'PASS'),
      // Coverage framework: A1 fails in one region, passes in another.
      check(A1, 'inspector2_scanning_enabled', 'FAIL', { region: 'eu-west-1' }),
      check(A1, 'inspector2_scanning_enabled', 'PASS', { region: 'us-east-1' }),
      // In no posture: an Inspector2 finding.
      {
        kind: 'inspector',
        accountId: A1,
        region: 'eu-west-1',
        title: 'CVE-2030-0001 - openssl',
        severity: 'CRITICAL',
        resourceType: 'AWS_EC2_INSTANCE',
        resourceId: 'i-0aaa',
        lastSeenAt: at,
      },
    ]);
    // Another tenant, same accounts: never in this tenant's numbers.
    await seedFindings(api, other.tenantId, [
      check(A1, 'iam_root_mfa_enabled', 'FAIL'),
      check(A1, 'iam_root_mfa_enabled', 'FAIL'),
      check(A2, 'iam_root_access_key_absent', 'FAIL'),
    ]);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('GET /v1/compliance', () => {
    it('should score the framework and every account from the latest results', async () => {
      const cis = await framework('', CIS);
      expect(cis).toMatchObject({
        id: CIS,
        name: 'CIS AWS Foundations Benchmark',
        version: '7.0.0',
      });
      // 9 passed, 3 failed: 75. MANUAL, ERROR and suppressed apart.
      expect(cis.posture).toEqual(
        posture({ score: 75, passed: 9, failed: 3, manual: 1, errored: 1, suppressed: 1 }),
      );
      expect(cis.accounts).toEqual([
        {
          accountId: A1,
          name: 'web-prod',
          ouId: WEB,
          ouPath: '/Root/Prod/Web',
          posture: posture({ score: 75, passed: 3, failed: 1, manual: 1, suppressed: 1 }),
          requirements: counts({ pass: 2, fail: 1, manual: 1 }, CIS_REQUIREMENTS),
        },
        {
          accountId: A2,
          name: 'prod',
          ouId: PROD,
          ouPath: '/Root/Prod',
          posture: posture({ score: 75, passed: 3, failed: 1, errored: 1 }),
          requirements: counts({ pass: 2, fail: 1, error: 1 }, CIS_REQUIREMENTS),
        },
        {
          accountId: A3,
          name: 'dev',
          ouId: DEV,
          ouPath: '/Root/Dev',
          posture: posture({ score: 66.67, passed: 2, failed: 1 }),
          requirements: counts({ pass: 1, fail: 1 }, CIS_REQUIREMENTS),
        },
        {
          accountId: A4,
          name: null,
          ouId: null,
          ouPath: null,
          posture: posture({ score: 100, passed: 1 }),
          requirements: counts({ pass: 1 }, CIS_REQUIREMENTS),
        },
      ]);
    });

    it('should give each requirement its status over the accounts and the accounts in each status', async () => {
      const cis = await framework('', CIS);
      const requirement = (id: string) => cis.requirements.find((r) => r.id === id);
      expect(cis.requirements).toHaveLength(CIS_REQUIREMENTS);
      expect(requirement('2.5')).toMatchObject({
        status: 'fail',
        accounts: counts({ pass: 3, fail: 1 }, 4),
      });
      expect(requirement('2.4')).toMatchObject({
        status: 'fail',
        accounts: counts({ pass: 1, fail: 1 }, 4),
      });
      // The suppressed FAIL leaves 3.1.4 passing in A1.
      expect(requirement('3.1.4')).toMatchObject({
        status: 'pass',
        accounts: counts({ pass: 2 }, 4),
      });
      expect(requirement('2.2')).toMatchObject({
        status: 'manual',
        accounts: counts({ manual: 1 }, 4),
      });
      // ERROR outranks the PASS beside it.
      expect(requirement('6.7')).toMatchObject({
        status: 'error',
        accounts: counts({ error: 1 }, 4),
      });
      expect(requirement('3.2.4')).toMatchObject({
        status: 'fail',
        accounts: counts({ fail: 1 }, 4),
      });
      expect(requirement('2.1.1')).toMatchObject({
        status: 'not_evaluated',
        accounts: counts({}, 4),
      });
      expect(cis.requirementStatus).toEqual(
        counts({ pass: 1, fail: 3, manual: 1, error: 1 }, CIS_REQUIREMENTS),
      );
    });

    it('should roll accounts up by OU, each OU pooling its descendants', async () => {
      const cis = await framework('', CIS);
      expect(cis.ous).toEqual([
        {
          ouId: ROOT,
          name: 'Root',
          path: '/Root',
          parentId: null,
          accounts: 3,
          // 8 / 11
          posture: posture({
            score: 72.73,
            passed: 8,
            failed: 3,
            manual: 1,
            errored: 1,
            suppressed: 1,
          }),
          requirements: counts({ pass: 1, fail: 3, manual: 1, error: 1 }, CIS_REQUIREMENTS),
        },
        {
          ouId: DEV,
          name: 'Dev',
          path: '/Root/Dev',
          parentId: ROOT,
          accounts: 1,
          posture: posture({ score: 66.67, passed: 2, failed: 1 }),
          requirements: counts({ pass: 1, fail: 1 }, CIS_REQUIREMENTS),
        },
        {
          ouId: PROD,
          name: 'Prod',
          path: '/Root/Prod',
          parentId: ROOT,
          accounts: 2,
          posture: posture({
            score: 75,
            passed: 6,
            failed: 2,
            manual: 1,
            errored: 1,
            suppressed: 1,
          }),
          // 2.5 and 2.4 fail (each in one account), 3.1.4 passes, 2.2 manual, 6.7 error.
          requirements: counts({ pass: 1, fail: 2, manual: 1, error: 1 }, CIS_REQUIREMENTS),
        },
        {
          ouId: WEB,
          name: 'Web',
          path: '/Root/Prod/Web',
          parentId: PROD,
          accounts: 1,
          posture: posture({ score: 75, passed: 3, failed: 1, manual: 1, suppressed: 1 }),
          requirements: counts({ pass: 2, fail: 1, manual: 1 }, CIS_REQUIREMENTS),
        },
      ]);
    });

    it('should score the other framework on its own checks only', async () => {
      const coverage = await framework('', COVERAGE);
      expect(coverage.posture).toEqual(posture({ score: 50, passed: 1, failed: 1 }));
      expect(coverage.accounts.map((a) => a.accountId)).toEqual([A1]);
      expect(coverage.requirements).toEqual([
        {
          id: 'inspector2',
          title: 'Amazon Inspector2 scans EC2, ECR or Lambda in every scanned region',
          status: 'fail',
          accounts: counts({ fail: 1 }, 1),
        },
      ]);
      expect(coverage.ous.map((o) => [o.ouId, o.accounts])).toEqual([
        [ROOT, 1],
        [PROD, 1],
        [WEB, 1],
      ]);
    });

    it('should narrow to one framework, to accounts, and to an OU with its descendants', async () => {
      const only = (await get(`/v1/compliance?framework=${COVERAGE}`)).body as Summary;
      expect(only.frameworks.map((f) => f.id)).toEqual([COVERAGE]);

      const a2 = await framework(`?accountId=${A2}`, CIS);
      expect(a2.accounts.map((a) => a.accountId)).toEqual([A2]);
      expect(a2.posture).toEqual(posture({ score: 75, passed: 3, failed: 1, errored: 1 }));
      expect(a2.requirements.find((r) => r.id === '2.5')?.accounts).toEqual(counts({ fail: 1 }, 1));

      const prod = await framework(`?ouId=${PROD}`, CIS);
      expect(prod.accounts.map((a) => a.accountId)).toEqual([A1, A2]);
      expect(prod.posture).toEqual(
        posture({ score: 75, passed: 6, failed: 2, manual: 1, errored: 1, suppressed: 1 }),
      );
      const both = await framework(`?ouId=${DEV}&accountId=${A1},${A3}`, CIS);
      expect(both.accounts.map((a) => a.accountId)).toEqual([A3]);
      const none = await framework(`?ouId=${DEV}&accountId=${A1}`, CIS);
      expect(none.accounts).toEqual([]);
      expect(none.posture).toEqual(posture({ score: null }));
      expect(none.requirementStatus).toEqual(counts({}, CIS_REQUIREMENTS));
    });

    it('should show another tenant only its own findings', async () => {
      const theirs = await framework('', CIS, other.key);
      expect(theirs.posture).toEqual(posture({ score: 0, failed: 3 }));
      expect(theirs.accounts.map((a) => [a.accountId, a.name])).toEqual([
        [A1, null],
        [A2, null],
      ]);
      expect(theirs.ous).toEqual([]);
    });

    it.each([
      ['framework=nist', 'query.framework'],
      ['accountId=12', 'query.accountId'],
      ['ouId=nope', 'query.ouId'],
      ['accountId=', 'query.accountId'],
    ])('should refuse %s with 400 naming %s', async (query, field) => {
      const response = await get(`/v1/compliance?${query}`);
      expect(response.status).toBe(400);
      expect(
        (response.body as Problem).errors?.some(
          (e) => e.field === field || e.field.startsWith(`${field}.`),
        ),
      ).toBe(true);
    });

    it('should refuse a key without findings:read', async () => {
      const writer = await api.createKey(tenant.tenantId, ['scans:write']);
      expect((await get('/v1/compliance', writer)).status).toBe(403);
      expect((await get(`/v1/compliance/${CIS}`, writer)).status).toBe(403);
      expect((await get('/v1/trends', writer)).status).toBe(403);
    });
  });

  describe('GET /v1/compliance/{framework}', () => {
    it('should detail each requirement by account and by OU', async () => {
      const response = await get(`/v1/compliance/${CIS}`);
      expect(response.status).toBe(200);
      const detail = response.body as Detail;
      expect(detail.id).toBe(CIS);
      expect(Date.parse(detail.computedAt)).not.toBeNaN();
      expect(detail.posture).toEqual(
        posture({ score: 75, passed: 9, failed: 3, manual: 1, errored: 1, suppressed: 1 }),
      );
      const r = (id: string) => detail.requirements.find((x) => x.id === id);
      expect(r('3.2.4')).toMatchObject({
        status: 'fail',
        checkIds: ['rds_cluster_multi_az_enabled', 'rds_instance_multi_az_enabled'],
        posture: posture({ score: 50, passed: 1, failed: 1 }),
        byAccount: [
          { accountId: A3, status: 'fail', posture: posture({ score: 50, passed: 1, failed: 1 }) },
        ],
        byOu: [
          { ouId: ROOT, path: '/Root', status: 'fail', accounts: counts({ fail: 1 }, 3) },
          { ouId: DEV, path: '/Root/Dev', status: 'fail', accounts: counts({ fail: 1 }, 1) },
          { ouId: PROD, path: '/Root/Prod', status: 'not_evaluated', accounts: counts({}, 2) },
          { ouId: WEB, path: '/Root/Prod/Web', status: 'not_evaluated', accounts: counts({}, 1) },
        ],
      });
      expect(r('2.5')?.byAccount).toEqual([
        { accountId: A1, status: 'pass', posture: posture({ score: 100, passed: 1 }) },
        { accountId: A2, status: 'fail', posture: posture({ score: 0, failed: 1 }) },
        { accountId: A3, status: 'pass', posture: posture({ score: 100, passed: 1 }) },
        { accountId: A4, status: 'pass', posture: posture({ score: 100, passed: 1 }) },
      ]);
      expect(r('3.1.4')?.byAccount[0]).toEqual({
        accountId: A1,
        status: 'pass',
        posture: posture({ score: 100, passed: 2, suppressed: 1 }),
      });
      expect(r('2.5')?.byOu.find((o) => o.ouId === PROD)).toEqual({
        ouId: PROD,
        path: '/Root/Prod',
        status: 'fail',
        accounts: counts({ pass: 1, fail: 1 }, 2),
      });
    });

    it('should narrow the detail to an OU', async () => {
      const detail = (await get(`/v1/compliance/${CIS}?ouId=${WEB}`)).body as Detail;
      expect(detail.accounts.map((a) => a.accountId)).toEqual([A1]);
      expect(detail.ous.map((o) => o.ouId)).toEqual([ROOT, PROD, WEB]);
    });

    it('should answer 404 for a framework Palisade does not have, 400 for a bad filter', async () => {
      const missing = await get('/v1/compliance/nist-800-53');
      expect(missing.status).toBe(404);
      expect((missing.body as Problem).detail).toContain('nist-800-53');
      const bad = await get(`/v1/compliance/${CIS}?ouId=x`);
      expect(bad.status).toBe(400);
      expect((bad.body as Problem).errors?.[0]?.field).toMatch(/^query\.ouId/);
      const tooLong = await get(`/v1/compliance/${'x'.repeat(129)}`);
      expect(tooLong.status).toBe(400);
      expect((tooLong.body as Problem).errors?.[0]?.field).toBe('param.framework');
    });
  });

  describe('GET /v1/trends', () => {
    let trendsTenant: TestTenant;
    let trendsKey: string;
    const day = (daysBack: number) =>
      new Date(
        Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate()) - daysBack * 86_400_000,
      )
        .toISOString()
        .slice(0, 10);
    /** 10:00 UTC of a day `daysBack` before today. */
    const at = (daysBack: number, hour = 10) =>
      new Date(Date.parse(`${day(daysBack)}T00:00:00.000Z`) + hour * 3_600_000);

    beforeAll(async () => {
      trendsTenant = await api.createTenant('compliance-trends');
      trendsKey = await api.createKey(trendsTenant.tenantId, ['findings:read']);
      await seedSnapshots(api, trendsTenant.tenantId, [
        { day: day(40), accountId: A1, framework: CIS, passed: 9, failed: 1 },
        { day: day(2), accountId: A1, framework: CIS, passed: 1, failed: 3 },
        { day: day(2), accountId: A2, framework: CIS, passed: 2, failed: 2, manual: 1 },
        { day: day(1), accountId: A1, framework: CIS, passed: 2, failed: 2 },
        { day: day(1), accountId: A2, framework: CIS, passed: 3, failed: 1, suppressed: 2 },
        { day: day(0), accountId: A1, framework: CIS, passed: 3, failed: 1 },
        { day: day(0), accountId: A2, framework: CIS, passed: 3, failed: 1, errored: 1 },
        { day: day(0), accountId: A1, framework: COVERAGE, passed: 0, failed: 0 },
      ]);
      const [f1, f2, f3, f4, f5, f6] = await seedFindings(api, trendsTenant.tenantId, [
        // F1 critical, open since day-2 (new, then in progress).
        {
          accountId: A1,
          checkId: 'iam_root_mfa_enabled',
          compliance: 'FAIL',
          status: 'in_progress',
          lastSeenAt: at(0),
        },
        // F2 high, opened day-2, resolved day-1.
        {
          accountId: A1,
          checkId: 's3_bucket_public_access_block',
          compliance: 'PASS',
          lastSeenAt: at(1),
          resolvedAt: at(1),
        },
        // F3 high, compliant day-2, failing from day-1.
        {
          accountId: A2,
          region: 'eu-west-1',
          checkId: 'ec2_instance_imdsv2_required',
          compliance: 'FAIL',
          status: 'in_progress',
          lastSeenAt: at(0),
        },
        // F4 medium, open since day-2 but suppressed now: in no day.
        {
          accountId: A2,
          checkId: 'iam_password_policy_minimum_length',
          compliance: 'FAIL',
          suppressedBy: randomUUID(),
          lastSeenAt: at(0),
        },
        // F5 low, an Inspector2 finding new today.
        {
          kind: 'inspector',
          accountId: A1,
          region: 'eu-west-1',
          title: 'CVE-2030-0003 - zlib',
          severity: 'LOW',
          resourceType: 'AWS_EC2_INSTANCE',
          resourceId: 'i-0bbb',
          lastSeenAt: at(0),
        },
        // F6 critical, open since long before the window.
        {
          accountId: A2,
          checkId: 'iam_root_access_key_absent',
          compliance: 'FAIL',
          lastSeenAt: at(0),
        },
      ]);
      const history = (
        uid: string | undefined,
        steps: [number, string | null, string][],
      ): Promise<void> =>
        seedHistory(
          api,
          trendsTenant.tenantId,
          uid ?? '',
          steps.map(([daysBack, from, to]) => ({
            change: null,
            fromStatus: from as never,
            toStatus: to as never,
            at: at(daysBack),
          })),
        );
      await history(f1?.uid, [
        [2, null, 'new'],
        [1, 'new', 'in_progress'],
      ]);
      await history(f2?.uid, [
        [2, null, 'new'],
        [1, 'new', 'resolved'],
      ]);
      await history(f3?.uid, [
        [2, null, 'compliant'],
        [1, 'compliant', 'new'],
        [0, 'new', 'in_progress'],
      ]);
      await history(f4?.uid, [[2, null, 'new']]);
      await history(f5?.uid, [[0, null, 'new']]);
      await history(f6?.uid, [[5, null, 'new']]);
    });

    const open = (
      d: number,
      total: number,
      severities: Partial<Record<'critical' | 'high' | 'medium' | 'low', number>>,
    ) => ({
      day: day(d),
      total,
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
      informational: 0,
      unknown: 0,
      ...severities,
    });

    it('should give the daily posture per framework and the findings open at the end of each day', async () => {
      const response = await get('/v1/trends?days=3', trendsKey);
      expect(response.status).toBe(200);
      const trends = response.body as Trends;
      expect(trends.from).toBe(day(2));
      expect(trends.to).toBe(day(0));
      expect(trends.posture).toEqual([
        {
          framework: CIS,
          name: 'CIS AWS Foundations Benchmark',
          points: [
            {
              day: day(2),
              score: 37.5,
              passed: 3,
              failed: 5,
              manual: 1,
              errored: 0,
              suppressed: 0,
              accounts: 2,
            },
            {
              day: day(1),
              score: 62.5,
              passed: 5,
              failed: 3,
              manual: 0,
              errored: 0,
              suppressed: 2,
              accounts: 2,
            },
            {
              day: day(0),
              score: 75,
              passed: 6,
              failed: 2,
              manual: 0,
              errored: 1,
              suppressed: 0,
              accounts: 2,
            },
          ],
        },
        {
          framework: COVERAGE,
          name: 'Palisade security-service coverage',
          points: [
            {
              day: day(0),
              score: null,
              passed: 0,
              failed: 0,
              manual: 0,
              errored: 0,
              suppressed: 0,
              accounts: 1,
            },
          ],
        },
      ]);
      expect(trends.open).toEqual([
        open(2, 3, { critical: 2, high: 1 }),
        open(1, 3, { critical: 2, high: 1 }),
        open(0, 4, { critical: 2, high: 1, low: 1 }),
      ]);
    });

    it('should default to 30 days, leaving older snapshots out', async () => {
      const trends = (await get('/v1/trends', trendsKey)).body as Trends;
      expect(trends.from).toBe(day(29));
      expect(trends.open).toHaveLength(30);
      // F6 opened on day-5: open from then on, in no earlier day.
      expect(trends.open[0]).toEqual(open(29, 0, {}));
      expect(trends.open[29 - 6]).toEqual(open(6, 0, {}));
      expect(trends.open[29 - 5]).toEqual(open(5, 1, { critical: 1 }));
      expect(trends.open[29 - 3]).toEqual(open(3, 1, { critical: 1 }));
      expect(trends.posture[0]?.points.map((p) => p.day)).toEqual([day(2), day(1), day(0)]);
    });

    it('should narrow to a framework and to accounts', async () => {
      const cis = (await get(`/v1/trends?days=3&framework=${CIS}`, trendsKey)).body as Trends;
      expect(cis.posture.map((p) => p.framework)).toEqual([CIS]);
      // The Inspector2 finding is in no framework.
      expect(cis.open.map((p) => p.total)).toEqual([3, 3, 3]);
      const a1 = (await get(`/v1/trends?days=3&accountId=${A1}`, trendsKey)).body as Trends;
      expect(a1.posture[0]?.points.map((p) => p.score)).toEqual([25, 50, 75]);
      expect(a1.open).toEqual([
        open(2, 2, { critical: 1, high: 1 }),
        open(1, 1, { critical: 1 }),
        open(0, 2, { critical: 1, low: 1 }),
      ]);
    });

    it('should show another tenant none of it', async () => {
      const theirs = (await get('/v1/trends?days=3', other.key)).body as Trends;
      expect(theirs.posture.every((p) => p.points.length === 0)).toBe(true);
      // The other tenant's three failing findings have no history: open today only.
      expect(theirs.open.map((p) => p.total)).toEqual([3, 3, 3]);
    });

    it.each([
      ['days=0', 'query.days'],
      ['days=366', 'query.days'],
      ['days=two', 'query.days'],
      ['framework=nist', 'query.framework'],
      ['accountId=1', 'query.accountId'],
      ['since=yesterday', 'query'],
    ])('should refuse %s with 400 naming %s', async (query, field) => {
      const response = await get(`/v1/trends?${query}`, trendsKey);
      expect(response.status).toBe(400);
      expect(
        (response.body as Problem).errors?.some(
          (e) => e.field === field || e.field.startsWith(`${field}.`),
        ),
      ).toBe(true);
    });
  });
});
