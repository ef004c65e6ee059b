import { type CheckResult, type ErrorRecord, type FindingsRaw } from '@palisade/contracts';
import { type TenantId, type TestDataSources, withTenant } from '@palisade/persistence';
import { applyJobEvent, UnknownJobError } from '../scan-progress';
import { declareJobScopes } from '../store/resolution-gate';
import {
  checkBatch,
  createScan,
  createSource,
  createTenant,
  finishedEvent,
  inspectorBatch,
  inspectorFinding,
  openNormaliserTestContext,
  result,
  type TestScan,
} from '../test/normaliser-fixtures';
import { FindingsIngest } from './findings-ingest';

const ACCOUNT = '222222222222';
const CHECK = 's3_bucket_secure_transport_policy';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute));

interface Row {
  resource_uid: string;
  status: string;
  compliance: string | null;
  resolved_at: Date | null;
}

describe('findings ingest on the real Postgres', () => {
  let ctx: TestDataSources;
  const ingest = new FindingsIngest('0.0.0-test');

  beforeAll(async () => {
    ctx = await openNormaliserTestContext();
  });
  afterAll(() => ctx.close());

  async function tenantWithScans(count: number): Promise<TestScan[]> {
    const tenantId = await createTenant(ctx.service);
    const sourceId = await createSource(ctx.service, tenantId, [
      { accountId: ACCOUNT, ouId: 'ou-abcd-11111111' },
    ]);
    const scans: TestScan[] = [];
    for (let i = 0; i < count; i++) {
      scans.push(await createScan(ctx.service, tenantId, sourceId, [ACCOUNT]));
    }
    return scans;
  }

  const store = (tenantId: TenantId, batches: FindingsRaw[]) =>
    withTenant(ctx.service, tenantId, (manager, tenant) => ingest.ingest(manager, tenant, batches));

  const finish = (
    scan: TestScan,
    results: CheckResult[],
    startedAt: Date,
    errors: ErrorRecord[] = [],
  ) =>
    withTenant(ctx.service, scan.tenantId, (manager, tenant) => {
      const event = finishedEvent(scan, ACCOUNT, results, startedAt, { errors });
      return declareJobScopes(manager, tenant, {
        jobId: event.jobId,
        scanId: event.scanId,
        accountId: event.accountId,
        startedAt,
        scopeCounts: event.scopeCounts,
        errors: event.errors,
      });
    });

  async function rows(tenantId: TenantId): Promise<Map<string, Row>> {
    const found = await ctx.owner.query<Row[]>(
      `SELECT resource_uid, status, compliance, resolved_at FROM public.findings
        WHERE tenant_id = $1 ORDER BY resource_uid`,
      [tenantId],
    );
    return new Map(found.map((r) => [r.resource_uid, r]));
  }

  const statuses = async (tenantId: TenantId) =>
    Object.fromEntries([...(await rows(tenantId))].map(([uid, r]) => [uid, r.status]));

  async function announced(tenantId: TenantId): Promise<string[]> {
    const found = await ctx.owner.query<{ change: string }[]>(
      `SELECT value->>'change' AS change FROM public.outbox
        WHERE tenant_id = $1 AND topic = 'palisade.findings.changed.v1' ORDER BY id`,
      [tenantId],
    );
    return found.map((r) => r.change);
  }

  const bucket = (name: string) => `arn:aws:s3:::${name}`;

  it('stores every result once, with its status and OCSF document, and announces new failures', async () => {
    const [scan] = await tenantWithScans(1);
    const results = [
      result(CHECK, 'FAIL', 'open-bucket'),
      result(CHECK, 'PASS', 'good-bucket'),
      result('s3_bucket_mfa_delete_enabled', 'MANUAL', 'manual-bucket'),
      result('s3_bucket_mfa_delete_enabled', 'ERROR', 'denied-bucket'),
    ];
    const outcome = await store(scan!.tenantId, [checkBatch(scan!, ACCOUNT, 0, results, at(1))]);
    expect(outcome).toMatchObject({ batches: 1, written: 4, resolved: 0 });
    expect(await statuses(scan!.tenantId)).toEqual({
      [bucket('open-bucket')]: 'new',
      [bucket('good-bucket')]: 'compliant',
      [bucket('manual-bucket')]: 'manual',
      [bucket('denied-bucket')]: 'error',
    });
    expect(await announced(scan!.tenantId)).toEqual(['new']);
    const [doc] = await ctx.owner.query<
      { ocsf: { class_uid: number; cloud: { account: { uid: string } } } }[]
    >(`SELECT ocsf FROM public.findings WHERE tenant_id = $1 AND resource_uid = $2`, [
      scan!.tenantId,
      bucket('open-bucket'),
    ]);
    expect(doc?.ocsf.class_uid).toBe(2003);
    expect(doc?.ocsf.cloud.account.uid).toBe(ACCOUNT);
  });

  /** Scan 1 finds two failing buckets; scan 2 (clean) reports only one of them. */
  function twoScans(scans: TestScan[]) {
    const [first, second] = scans as [TestScan, TestScan];
    const firstResults = [result(CHECK, 'FAIL', 'a'), result(CHECK, 'FAIL', 'b')];
    const secondResults = [result(CHECK, 'FAIL', 'a'), result(CHECK, 'PASS', 'c')];
    return {
      first,
      second,
      firstResults,
      secondResults,
      batch1: checkBatch(first, ACCOUNT, 0, firstResults, at(2)),
      batch2: checkBatch(second, ACCOUNT, 0, secondResults, at(12)),
    };
  }

  it.each([
    ['results, then the final event', ['b1', 'f1', 'b2', 'f2']],
    ['the final event, then its results', ['f1', 'b1', 'f2', 'b2']],
    ['everything twice, second scan first', ['f2', 'b2', 'b1', 'f1', 'b2', 'f2', 'f1', 'b1']],
  ])(
    'resolves what a later clean scan no longer reports, whatever the order (%s)',
    async (_name, order) => {
      const scans = await tenantWithScans(2);
      const s = twoScans(scans);
      const steps: Record<string, () => Promise<unknown>> = {
        b1: () => store(s.first.tenantId, [s.batch1]),
        f1: () => finish(s.first, s.firstResults, at(1)),
        b2: () => store(s.second.tenantId, [s.batch2]),
        f2: () => finish(s.second, s.secondResults, at(11)),
      };
      for (const step of order) await steps[step]!();
      expect(await statuses(s.first.tenantId)).toEqual({
        [bucket('a')]: order.indexOf('b2') < order.indexOf('b1') ? 'new' : 'in_progress',
        [bucket('b')]: 'resolved',
        [bucket('c')]: 'compliant',
      });
      const b = (await rows(s.first.tenantId)).get(bucket('b'));
      expect(b?.resolved_at).toEqual(at(11));
      expect((await announced(s.first.tenantId)).filter((c) => c === 'resolved')).toHaveLength(1);
    },
  );

  it('resolves only when as many results are stored as the final event declares', async () => {
    const scans = await tenantWithScans(2);
    const s = twoScans(scans);
    await store(s.first.tenantId, [s.batch1]);
    await finish(s.first, s.firstResults, at(1));
    const [one, two] = s.secondResults as [CheckResult, CheckResult];
    await finish(s.second, s.secondResults, at(11));
    await store(s.second.tenantId, [checkBatch(s.second, ACCOUNT, 0, [one], at(12))]);
    expect((await rows(s.first.tenantId)).get(bucket('b'))?.status).toBe('new');
    // The redelivered first batch is not counted again.
    await store(s.second.tenantId, [checkBatch(s.second, ACCOUNT, 0, [one], at(12))]);
    expect((await rows(s.first.tenantId)).get(bucket('b'))?.status).toBe('new');
    await store(s.second.tenantId, [checkBatch(s.second, ACCOUNT, 1, [two], at(13))]);
    expect((await rows(s.first.tenantId)).get(bucket('b'))?.status).toBe('resolved');
  });

  it('never resolves an errored scope: an ERROR result, or an error the final event names', async () => {
    const scans = await tenantWithScans(3);
    const [first, second, third] = scans as [TestScan, TestScan, TestScan];
    const failing = [result(CHECK, 'FAIL', 'a')];
    await store(first.tenantId, [checkBatch(first, ACCOUNT, 0, failing, at(1))]);
    await finish(first, failing, at(0));

    const errored = [result(CHECK, 'ERROR', 'arn:aws:s3:eu-west-1:222222222222:region')];
    await store(second.tenantId, [checkBatch(second, ACCOUNT, 0, errored, at(11))]);
    await finish(second, errored, at(10));
    expect((await rows(first.tenantId)).get(bucket('a'))?.status).toBe('new');

    const passing = [result(CHECK, 'PASS', 'c')];
    await store(third.tenantId, [checkBatch(third, ACCOUNT, 0, passing, at(21))]);
    await finish(third, passing, at(20), [
      { checkId: CHECK, region: 'eu-west-1', code: 'THROTTLED', message: 'Rate exceeded' },
    ]);
    expect((await rows(first.tenantId)).get(bucket('a'))?.status).toBe('new');
  });

  it('resolves nothing in a scope the later scan did not evaluate', async () => {
    const scans = await tenantWithScans(2);
    const [first, second] = scans as [TestScan, TestScan];
    const failing = [result(CHECK, 'FAIL', 'a')];
    await store(first.tenantId, [checkBatch(first, ACCOUNT, 0, failing, at(1))]);
    await finish(first, failing, at(0));
    const otherRegion = [result(CHECK, 'PASS', 'c', 'us-east-1')];
    await store(second.tenantId, [checkBatch(second, ACCOUNT, 0, otherRegion, at(11))]);
    await finish(second, otherRegion, at(10));
    expect((await rows(first.tenantId)).get(bucket('a'))?.status).toBe('new');
  });

  it('reopens a resolved finding on a new FAIL, and announces it', async () => {
    const scans = await tenantWithScans(3);
    const [first, second, third] = scans as [TestScan, TestScan, TestScan];
    await store(first.tenantId, [
      checkBatch(first, ACCOUNT, 0, [result(CHECK, 'FAIL', 'a')], at(1)),
    ]);
    await store(second.tenantId, [
      checkBatch(second, ACCOUNT, 0, [result(CHECK, 'PASS', 'a')], at(11)),
    ]);
    expect((await rows(first.tenantId)).get(bucket('a'))?.status).toBe('resolved');
    await store(third.tenantId, [
      checkBatch(third, ACCOUNT, 0, [result(CHECK, 'FAIL', 'a')], at(21)),
    ]);
    const a = (await rows(first.tenantId)).get(bucket('a'));
    expect(a).toMatchObject({ status: 'new', resolved_at: null, compliance: 'FAIL' });
    expect(await announced(first.tenantId)).toEqual(['new', 'resolved', 'reopened']);
    const history = await ctx.owner.query<{ change: string | null; to_status: string }[]>(
      `SELECT change, to_status FROM public.finding_history WHERE tenant_id = $1 ORDER BY id`,
      [first.tenantId],
    );
    expect(history.map((h) => `${h.change}:${h.to_status}`)).toEqual([
      'new:new',
      'resolved:resolved',
      'reopened:new',
    ]);
  });

  it('resolves an Inspector2 finding only when Inspector reports it CLOSED', async () => {
    const scans = await tenantWithScans(3);
    const [first, second, third] = scans as [TestScan, TestScan, TestScan];
    await store(first.tenantId, [
      inspectorBatch(first, ACCOUNT, 0, [inspectorFinding('f1', 'ACTIVE', at(1), ACCOUNT)], at(2)),
    ]);
    // A later pull without it (incremental): absence is not closure.
    await store(second.tenantId, [
      inspectorBatch(
        second,
        ACCOUNT,
        0,
        [inspectorFinding('f2', 'ACTIVE', at(11), ACCOUNT)],
        at(12),
      ),
    ]);
    await finish(second, [], at(10));
    expect(await statuses(first.tenantId)).toEqual({ 'i-f1': 'new', 'i-f2': 'new' });
    await store(third.tenantId, [
      inspectorBatch(
        third,
        ACCOUNT,
        0,
        [inspectorFinding('f1', 'CLOSED', at(21), ACCOUNT)],
        at(22),
      ),
    ]);
    expect(await statuses(first.tenantId)).toEqual({ 'i-f1': 'resolved', 'i-f2': 'new' });
    const [doc] = await ctx.owner.query<{ ocsf: { class_uid: number } }[]>(
      `SELECT ocsf FROM public.findings WHERE tenant_id = $1 AND resource_uid = 'i-f1'`,
      [first.tenantId],
    );
    expect(doc?.ocsf.class_uid).toBe(2002);
  });

  it("refuses a batch naming a job the tenant does not have (another tenant's, or none)", async () => {
    const [mine] = await tenantWithScans(1);
    const [theirs] = await tenantWithScans(1);
    const foreign = { ...checkBatch(theirs!, ACCOUNT, 0, [result(CHECK, 'FAIL', 'a')], at(1)) };
    await expect(store(mine!.tenantId, [{ ...foreign, tenantId: mine!.tenantId }])).rejects.toThrow(
      UnknownJobError,
    );
    expect(await rows(theirs!.tenantId)).toEqual(new Map());
    expect(await rows(mine!.tenantId)).toEqual(new Map());
  });

  it('closes a scan only once every result batch its jobs declared is stored, counting them', async () => {
    const [scan] = await tenantWithScans(1);
    const results = [result(CHECK, 'FAIL', 'a'), result(CHECK, 'FAIL', 'b')];
    const finished = finishedEvent(scan!, ACCOUNT, results, at(0), { batches: 2 });
    const scanRow = () =>
      ctx.owner.query<{ status: string; counts: { findingsNew?: number } }[]>(
        `SELECT status, counts FROM public.scans WHERE id = $1`,
        [scan!.scanId],
      );
    await withTenant(ctx.service, scan!.tenantId, (manager, tenant) =>
      applyJobEvent(manager, tenant, finished, at(5)),
    );
    expect((await scanRow())[0]?.status).not.toBe('completed');
    await store(scan!.tenantId, [checkBatch(scan!, ACCOUNT, 0, [results[0]!], at(1))]);
    expect((await scanRow())[0]?.status).not.toBe('completed');
    await store(scan!.tenantId, [checkBatch(scan!, ACCOUNT, 1, [results[1]!], at(2))]);
    const [closed] = await scanRow();
    expect(closed).toMatchObject({ status: 'completed', counts: { findingsNew: 2 } });
  });

  it("announces suppression on the finding's overall state: a rule and Inspector2's own flag", async () => {
    const scans = await tenantWithScans(3);
    const [first, second, third] = scans as [TestScan, TestScan, TestScan];
    await ctx.owner.query(
      `INSERT INTO public.suppression_rules (tenant_id, account_ids, reason, author)
       VALUES ($1, $2, 'accepted risk', 'secops@example.com')`,
      [first.tenantId, [ACCOUNT]],
    );
    const pull = (scan: TestScan, status: 'ACTIVE' | 'SUPPRESSED', minute: number) =>
      store(scan.tenantId, [
        inspectorBatch(
          scan,
          ACCOUNT,
          0,
          [inspectorFinding('f1', status, at(minute), ACCOUNT)],
          at(minute),
        ),
      ]);
    await pull(first, 'ACTIVE', 1);
    // Inspector suppresses it too, then lifts its own suppression: the rule still applies.
    await pull(second, 'SUPPRESSED', 11);
    await pull(third, 'ACTIVE', 21);
    expect(await announced(first.tenantId)).toEqual(['new', 'suppressed']);
    const history = await ctx.owner.query<{ change: string | null }[]>(
      `SELECT change FROM public.finding_history WHERE tenant_id = $1 ORDER BY id`,
      [first.tenantId],
    );
    // new, suppressed by the rule, new → in progress, Inspector's flag on, then off.
    expect(history.map((h) => h.change)).toEqual(['new', 'suppressed', null, null, null]);
  });
});
