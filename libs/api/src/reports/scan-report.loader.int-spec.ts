// loadScanReport on the real Postgres, as the service role in a tenant transaction (RLS applies):
// rows seeded with SQL as the owner, the model's numbers asserted — which accounts, which
// findings count where, the OU roll-up, failing requirements, trends, the table's order and cap,
// and that another tenant's rows (even on the same AWS account id) never appear.
import {
  openTestDataSources,
  parseTenantId,
  type TenantId,
  type TestDataSources,
  withTenant,
} from '@palisade/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { loadScanReport, type LoadScanReportOptions } from './scan-report.loader';

const ACC_A = '111111111111';
const ACC_B = '222222222222';
const ACC_C = '333333333333';
const CIS = 'cis-aws-foundations-v7.0.0';
const COVERAGE = 'palisade-security-coverage-v1';
/** CIS 2.4 only. */
const ROOT_KEYS = 'iam_root_access_key_absent';
/** CIS 2.5 only. */
const ROOT_MFA = 'iam_root_mfa_enabled';
/** Coverage `inspector2` only. */
const INSPECTOR_ON = 'inspector2_scanning_enabled';
const zero = { passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 };

interface SeedFinding {
  readonly account: string;
  readonly checkId: string | null;
  readonly compliance: 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR' | null;
  readonly status: string;
  readonly severity?: string;
  readonly suppressed?: boolean;
  readonly title?: string;
  readonly lastSeen?: string;
}

describe('loadScanReport (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;

  beforeAll(async () => {
    ctx = await openTestDataSources();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const sql = (text: string, params: unknown[] = []) => ctx.owner.query(text, params);

  async function tenant(name: string): Promise<{ tenantId: TenantId; sourceId: string }> {
    const tenantId = parseTenantId(randomUUID());
    await sql(`INSERT INTO public.tenants (id, slug, name) VALUES ($1, $2, $3)`, [
      tenantId,
      `t-${tenantId.slice(0, 8)}`,
      name,
    ]);
    const [source] = (await sql(
      `INSERT INTO public.sources (tenant_id, name, kind, config)
       VALUES ($1, 'Production org', 'organization', '{}') RETURNING id`,
      [tenantId],
    )) as { id: string }[];
    return { tenantId, sourceId: (source as { id: string }).id };
  }

  async function findings(tenantId: string, rows: readonly SeedFinding[]): Promise<void> {
    for (const [i, f] of rows.entries()) {
      await sql(
        `INSERT INTO public.findings
           (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
            severity, status, compliance, suppressed_by, source_suppressed, first_seen_at,
            last_seen_at, state_at, resolved_at, scan_id, job_id, ocsf)
         VALUES ($1, $2, $3, $4, 'eu-west-1', $5, $6, 'AwsAccount', $7, $8, $9, $10, NULL, $11,
                 '2026-03-01T00:00:00Z', $12, $12,
                 CASE WHEN $9 = 'resolved' THEN $12::timestamptz END,
                 gen_random_uuid(), gen_random_uuid(), '{}')`,
        [
          tenantId,
          createHash('sha256').update(`${tenantId}${i}${randomUUID()}`).digest('hex'),
          f.checkId === null ? 'inspector' : 'check',
          f.account,
          f.checkId,
          `arn:aws:iam::${f.account}:root#${i}`,
          f.title ?? `finding ${i}`,
          f.severity ?? 'high',
          f.status,
          f.compliance,
          f.suppressed ?? false,
          f.lastSeen ?? '2026-03-10T08:00:00Z',
        ],
      );
    }
  }

  const load = (tenantId: TenantId, scanId: string, options?: LoadScanReportOptions) =>
    withTenant(ctx.service, tenantId, (manager) =>
      loadScanReport(manager, tenantId, scanId, options),
    );

  /** Tenant 1: an org with Root > Prod (A, C) and Root > Dev (B); the scan covers A and B. */
  async function seedScan() {
    const { tenantId, sourceId } = await tenant('Acme Corp');
    await sql(
      `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path)
       VALUES ($1, $2, 'r-ab12', 'Root', NULL, '/Root'),
              ($1, $2, 'ou-ab12-prod0001', 'Prod', 'r-ab12', '/Root/Prod'),
              ($1, $2, 'ou-ab12-dev00001', 'Dev', 'r-ab12', '/Root/Dev')`,
      [tenantId, sourceId],
    );
    await sql(
      `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state, ou_id, ou_path,
                                    first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, 'payments-prod', 'ACTIVE', 'ou-ab12-prod0001', '/Root/Prod', now(), now()),
              ($1, $2, $4, 'sandbox-dev', 'ACTIVE', 'ou-ab12-dev00001', '/Root/Dev', now(), now()),
              ($1, $2, $5, 'not-in-scan', 'ACTIVE', 'ou-ab12-prod0001', '/Root/Prod', now(), now())`,
      [tenantId, sourceId, ACC_A, ACC_B, ACC_C],
    );
    const [scan] = (await sql(
      `INSERT INTO public.scans (tenant_id, source_id, status, "trigger", request, counts, error,
                                 requested_at, started_at, finished_at)
       VALUES ($1, $2, 'completed_with_errors', '{"kind":"schedule","scheduleId":"${randomUUID()}","dueAt":"2026-03-10T08:00:00Z"}',
               '{"regions":["eu-west-1"],"frameworks":["${CIS}"]}',
               '{"accountsTotal":2,"accountsDone":1,"accountsFailed":1,"findingsNew":4}',
               '1 of 3 jobs failed', '2026-03-10T08:00:00Z', '2026-03-10T08:00:02Z',
               '2026-03-10T08:10:00Z')
       RETURNING id`,
      [tenantId, sourceId],
    )) as { id: string }[];
    const scanId = (scan as { id: string }).id;
    await sql(
      `INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope, status, error_code,
                                     error_message, result)
       VALUES ($1, $2, $3, 'account', 'succeeded', NULL, NULL,
               '{"errors":[{"region":"eu-west-1","checkId":"${ROOT_MFA}","code":"ACCESS_DENIED","message":"iam:GetAccountSummary denied"}],
                 "regions":{"scanned":["eu-west-1"],"failed":[{"region":"ap-east-1","code":"REGION_DISABLED","message":"not enabled"}]}}'),
              ($1, $2, $3, 'organization', 'succeeded', NULL, NULL, '{"errors":[]}'),
              ($1, $2, $4, 'account', 'failed', 'ASSUME_ROLE_DENIED', 'AccessDenied on sts:AssumeRole', NULL)`,
      [tenantId, scanId, ACC_A, ACC_B],
    );
    await findings(tenantId, [
      { account: ACC_A, checkId: ROOT_KEYS, compliance: 'PASS', status: 'compliant' },
      { account: ACC_A, checkId: ROOT_KEYS, compliance: 'PASS', status: 'resolved' },
      {
        account: ACC_A,
        checkId: ROOT_MFA,
        compliance: 'FAIL',
        status: 'in_progress',
        severity: 'critical',
        title: 'Root has no MFA',
      },
      { account: ACC_A, checkId: ROOT_MFA, compliance: 'FAIL', status: 'resolved' },
      {
        account: ACC_A,
        checkId: INSPECTOR_ON,
        compliance: 'FAIL',
        status: 'new',
        suppressed: true,
      },
      { account: ACC_A, checkId: INSPECTOR_ON, compliance: 'PASS', status: 'compliant' },
      {
        account: ACC_A,
        checkId: null,
        compliance: null,
        status: 'new',
        severity: 'medium',
        title: 'CVE-2026-0001',
      },
      {
        account: ACC_B,
        checkId: ROOT_KEYS,
        compliance: 'FAIL',
        status: 'new',
        severity: 'low',
        lastSeen: '2026-03-09T00:00:00Z',
      },
      { account: ACC_B, checkId: ROOT_MFA, compliance: 'MANUAL', status: 'manual' },
      { account: ACC_B, checkId: ROOT_MFA, compliance: 'ERROR', status: 'error' },
      { account: ACC_C, checkId: ROOT_KEYS, compliance: 'FAIL', status: 'new' },
    ]);
    await sql(
      `INSERT INTO public.posture_snapshots
         (tenant_id, day, account_id, framework, passed, failed, manual, errored, suppressed, score)
       VALUES ($1, (now() AT TIME ZONE 'UTC')::date - 1, $2, $4, 1, 3, 0, 0, 0, 25),
              ($1, (now() AT TIME ZONE 'UTC')::date - 1, $3, $4, 1, 0, 0, 0, 0, 100),
              ($1, (now() AT TIME ZONE 'UTC')::date, $2, $4, 2, 1, 0, 0, 0, 66.67),
              ($1, (now() AT TIME ZONE 'UTC')::date, $5, $4, 0, 9, 0, 0, 0, 0),
              ($1, (now() AT TIME ZONE 'UTC')::date - 200, $2, $4, 0, 1, 0, 0, 0, 0)`,
      [tenantId, ACC_A, ACC_B, CIS, ACC_C],
    );
    return { tenantId, sourceId, scanId };
  }

  it('should build the model of the scan from the tenant’s current findings for its accounts', async () => {
    const { tenantId, scanId } = await seedScan();
    // Another tenant with the same AWS account id and its own findings: never in the report.
    const other = await tenant('Other');
    await findings(other.tenantId, [
      { account: ACC_A, checkId: ROOT_KEYS, compliance: 'FAIL', status: 'new' },
    ]);

    const model = await load(tenantId, scanId);

    expect(model).not.toBeNull();
    if (model === null) return;
    expect(model.tenant).toEqual({ id: tenantId, name: 'Acme Corp' });
    expect(model.scan).toMatchObject({
      id: scanId,
      status: 'completed_with_errors',
      trigger: 'schedule',
      source: { name: 'Production org', kind: 'organization', deleted: false },
      requestedAt: '2026-03-10T08:00:00.000Z',
      finishedAt: '2026-03-10T08:10:00.000Z',
      request: { regions: ['eu-west-1'], frameworks: [CIS], checks: null, accountIds: null },
      error: '1 of 3 jobs failed',
    });
    expect(model.scan.counts).toMatchObject({
      accountsTotal: 2,
      accountsFailed: 1,
      jobsWithErrors: 0,
    });
    expect(model.scan.problems).toEqual({
      total: 3,
      items: [
        {
          kind: 'failed',
          accountId: ACC_B,
          scope: 'account',
          region: null,
          checkId: null,
          code: 'ASSUME_ROLE_DENIED',
          message: 'AccessDenied on sts:AssumeRole',
        },
        {
          kind: 'region',
          accountId: ACC_A,
          scope: 'account',
          region: 'ap-east-1',
          checkId: null,
          code: 'REGION_DISABLED',
          message: 'not enabled',
        },
        {
          kind: 'error',
          accountId: ACC_A,
          scope: 'account',
          region: 'eu-west-1',
          checkId: ROOT_MFA,
          code: 'ACCESS_DENIED',
          message: 'iam:GetAccountSummary denied',
        },
      ],
    });

    const [a, b] = model.accounts;
    expect(model.accounts.map((x) => x.accountId)).toEqual([ACC_A, ACC_B]);
    expect(a).toMatchObject({
      name: 'payments-prod',
      ouPath: '/Root/Prod',
      jobs: [
        { scope: 'account', status: 'succeeded' },
        { scope: 'organization', status: 'succeeded' },
      ],
      // 2 passed root-keys (one resolved and passing), 1 failing MFA (the resolved failure is
      // gone), coverage: 1 passed and 1 suppressed.
      posture: { ...zero, passed: 3, failed: 1, suppressed: 1, score: 75 },
      frameworks: {
        [CIS]: { ...zero, passed: 2, failed: 1, score: 66.67 },
        [COVERAGE]: { ...zero, passed: 1, suppressed: 1, score: 100 },
      },
      open: { critical: 1, high: 0, medium: 1, low: 0, informational: 0, unknown: 0 },
    });
    expect(b).toMatchObject({
      jobs: [{ scope: 'account', status: 'failed', errorCode: 'ASSUME_ROLE_DENIED' }],
      posture: { ...zero, failed: 1, manual: 1, errored: 1, score: 0 },
    });

    expect(model.ous.map((o) => [o.path, o.depth, o.accounts, o.posture.score])).toEqual([
      ['/Root', 0, 2, 60],
      ['/Root/Dev', 1, 1, 0],
      ['/Root/Prod', 1, 1, 75],
    ]);
    expect(model.totals.posture).toEqual({
      passed: 3,
      failed: 2,
      manual: 1,
      errored: 1,
      suppressed: 1,
      score: 60,
    });
    expect(model.totals.byState).toEqual({
      open: 3,
      manual: 1,
      error: 1,
      suppressed: 1,
      resolved: 2,
      passing: 2,
    });
    expect(model.frameworks.map((f) => [f.id, f.posture.score])).toEqual([
      [CIS, 50],
      [COVERAGE, 100],
    ]);
    expect(model.failingRequirements).toEqual([
      {
        id: CIS,
        name: 'CIS AWS Foundations Benchmark',
        version: '7.0.0',
        requirements: [
          {
            id: '2.4',
            title: "Ensure no 'root' user account access key exists",
            checks: [ROOT_KEYS],
            failingAccounts: [ACC_B],
            findings: 1,
          },
          {
            id: '2.5',
            title: "Ensure MFA is enabled for the 'root' user account",
            checks: [ROOT_MFA],
            failingAccounts: [ACC_A],
            findings: 1,
          },
        ],
      },
    ]);
    expect(model.openBySeverity.inspector.medium).toBe(1);
    expect(model.openBySeverity.checks).toMatchObject({ critical: 1, low: 1 });

    // Two days of snapshots of A and B (C's and the 200-day-old one are not in it).
    expect(model.trends).toHaveLength(1);
    expect(model.trends[0]?.points.map((p) => [p.passed, p.failed, p.score])).toEqual([
      [2, 3, 40],
      [2, 1, 66.67],
    ]);

    expect(model.findings.total).toBe(10);
    expect(model.findings.rows.map((r) => [r.state, r.severity, r.accountId])).toEqual([
      ['open', 'critical', ACC_A],
      ['open', 'medium', ACC_A],
      ['open', 'low', ACC_B],
      ['manual', 'high', ACC_B],
      ['error', 'high', ACC_B],
      ['suppressed', 'high', ACC_A],
      ['resolved', 'high', ACC_A],
      ['resolved', 'high', ACC_A],
      ['passing', 'high', ACC_A],
      ['passing', 'high', ACC_A],
    ]);
    expect(model.findings.rows[0]).toMatchObject({
      title: 'Root has no MFA',
      checkId: ROOT_MFA,
      status: 'in_progress',
      firstSeenAt: '2026-03-01T00:00:00.000Z',
      lastSeenAt: '2026-03-10T08:00:00.000Z',
    });
  });

  it('should cap the findings rows at the limit and still count them all', async () => {
    const { tenantId, scanId } = await seedScan();

    const model = await load(tenantId, scanId, { findingsLimit: 2 });

    expect(model?.findings.total).toBe(10);
    expect(model?.findings.limit).toBe(2);
    expect(model?.findings.rows.map((r) => r.title)).toEqual(['Root has no MFA', 'CVE-2026-0001']);
  });

  it('should return null for another tenant’s scan, an unknown id and a malformed one', async () => {
    const { scanId } = await seedScan();
    const other = await tenant('Other');

    expect(await load(other.tenantId, scanId)).toBeNull();
    expect(await load(other.tenantId, randomUUID())).toBeNull();
    expect(await load(other.tenantId, 'not-a-uuid')).toBeNull();
  });

  it('should report a queued scan without jobs as empty', async () => {
    const { tenantId, sourceId } = await tenant('Fresh');
    const [scan] = (await sql(
      `INSERT INTO public.scans (tenant_id, source_id, "trigger") VALUES ($1, $2, '{"kind":"api"}') RETURNING id`,
      [tenantId, sourceId],
    )) as { id: string }[];

    const model = await load(tenantId, (scan as { id: string }).id);

    expect(model).toMatchObject({
      scan: {
        status: 'queued',
        trigger: 'api',
        startedAt: null,
        problems: { total: 0, items: [] },
      },
      accounts: [],
      ous: [],
      frameworks: [],
      trends: [],
      findings: { total: 0, rows: [] },
      totals: { findings: 0, posture: { ...zero, score: null } },
    });
    expect(model?.scan.counts.accountsTotal).toBe(0);
  });
});
