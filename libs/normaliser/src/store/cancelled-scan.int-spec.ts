// A cancelled scan resolves nothing: from the moment `scans.cancel_requested_at` is set (what
// `POST /v1/scans/{id}/cancel` does), and for a job whose final event says `cancelled`, no scope
// of the scan resolves findings — neither when the final event completes it nor when a late
// batch does. Its results are stored as usual. Jobs whose scopes completed before the cancel
// request keep what they resolved. On the real Postgres, as the service role (RLS applies).
import { type CheckResult } from '@palisade/contracts';
import { type TenantId, type TestDataSources, withTenant } from '@palisade/persistence';
import { FindingsIngest } from '../ingest/findings-ingest';
import { applyJobEvent } from '../scan-progress';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  checkBatch,
  createScan,
  createSource,
  createTenant,
  finishedEvent,
  openNormaliserTestContext,
  result,
  type TestScan,
} from '../test/normaliser-fixtures';

const CHECK = 's3_bucket_secure_transport_policy';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute));
const bucket = (name: string) => `arn:aws:s3:::${name}`;

describe('a cancelled scan resolves nothing (real Postgres)', () => {
  let ctx: TestDataSources;
  const ingest = new FindingsIngest('0.0.0-test');

  beforeAll(async () => {
    ctx = await openNormaliserTestContext();
  });
  afterAll(() => ctx.close());

  const store = (scan: TestScan, accountId: string, results: CheckResult[], minute: number) =>
    withTenant(ctx.service, scan.tenantId, (manager, tenant) =>
      ingest.ingest(manager, tenant, [checkBatch(scan, accountId, 0, results, at(minute))]),
    );

  const finish = (
    scan: TestScan,
    accountId: string,
    results: CheckResult[],
    startedMinute: number,
    cancelled = false,
  ) =>
    withTenant(ctx.service, scan.tenantId, (manager, tenant) =>
      applyJobEvent(
        manager,
        tenant,
        finishedEvent(scan, accountId, results, at(startedMinute), { cancelled }),
        at(startedMinute + 5),
      ),
    );

  /** What the api's cancel does to the scan row (the scan.control message aside). */
  const requestCancel = (scan: TestScan) =>
    withTenant(ctx.service, scan.tenantId, (manager, tenant) =>
      manager.query(
        `UPDATE public.scans SET cancel_requested_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tenant, scan.scanId],
      ),
    );

  async function statuses(tenantId: TenantId): Promise<Record<string, string>> {
    const rows = await ctx.owner.query<{ resource_uid: string; status: string }[]>(
      `SELECT resource_uid, status FROM public.findings WHERE tenant_id = $1 ORDER BY resource_uid`,
      [tenantId],
    );
    return Object.fromEntries(rows.map((r) => [r.resource_uid, r.status]));
  }

  async function changesOf(scan: TestScan): Promise<string[]> {
    const rows = await ctx.owner.query<{ change: string }[]>(
      `SELECT change FROM public.finding_history
        WHERE tenant_id = $1 AND scan_id = $2 AND change IS NOT NULL ORDER BY id`,
      [scan.tenantId, scan.scanId],
    );
    return rows.map((r) => r.change);
  }

  async function scanRow(scan: TestScan) {
    const [row] = await ctx.owner.query<
      { status: string; counts: { findingsResolved?: number; findingsNew?: number } }[]
    >(`SELECT status, counts FROM public.scans WHERE id = $1`, [scan.scanId]);
    return row;
  }

  /**
   * Scan 1 finds buckets a and b failing on account A. Scan 2 of A reports a (still failing),
   * c (passing) and d (a new failure), and no longer b: a clean scan 2 resolves b.
   */
  async function twoScans(accounts: string[] = [ACCOUNT_A]) {
    const tenantId = await createTenant(ctx.service);
    const sourceId = await createSource(
      ctx.service,
      tenantId,
      accounts.map((accountId) => ({ accountId })),
    );
    const first = await createScan(ctx.service, tenantId, sourceId, accounts);
    const second = await createScan(ctx.service, tenantId, sourceId, accounts);
    const firstResults = [result(CHECK, 'FAIL', 'a'), result(CHECK, 'FAIL', 'b')];
    await store(first, ACCOUNT_A, firstResults, 1);
    await finish(first, ACCOUNT_A, firstResults, 0);
    const secondResults = [
      result(CHECK, 'FAIL', 'a'),
      result(CHECK, 'PASS', 'c'),
      result(CHECK, 'FAIL', 'd'),
    ];
    return { tenantId, sourceId, first, second, secondResults };
  }

  it('resolves what a clean second scan no longer reports (the reference)', async () => {
    const s = await twoScans();
    await store(s.second, ACCOUNT_A, s.secondResults, 12);
    await finish(s.second, ACCOUNT_A, s.secondResults, 11);
    expect(await statuses(s.tenantId)).toEqual({
      [bucket('a')]: 'in_progress',
      [bucket('b')]: 'resolved',
      [bucket('c')]: 'compliant',
      [bucket('d')]: 'new',
    });
    expect(await changesOf(s.second)).toEqual(['new', 'resolved']);
  });

  it.each([
    ['cancel requested, then its results, then its final event', ['cancel', 'results', 'final']],
    ['cancel requested, then its final event, then its results', ['cancel', 'final', 'results']],
    ['final event in, cancel requested, then the late results', ['final', 'cancel', 'results']],
    ['results in, cancel requested, then the final event', ['results', 'cancel', 'final']],
    ['no cancel request, a cancelled final event after its results', ['results', 'cancelled']],
    ['no cancel request, a cancelled final event before its results', ['cancelled', 'results']],
  ])(
    'resolves nothing the clean scan would have, but stores its results (%s)',
    async (_name, order) => {
      const s = await twoScans();
      const steps: Record<string, () => Promise<unknown>> = {
        cancel: () => requestCancel(s.second),
        results: () => store(s.second, ACCOUNT_A, s.secondResults, 12),
        final: () => finish(s.second, ACCOUNT_A, s.secondResults, 11),
        cancelled: () => finish(s.second, ACCOUNT_A, s.secondResults, 11, true),
      };
      for (const step of order) await steps[step]!();

      expect(await statuses(s.tenantId)).toEqual({
        [bucket('a')]: 'in_progress',
        [bucket('b')]: 'new',
        [bucket('c')]: 'compliant',
        [bucket('d')]: 'new',
      });
      expect(await changesOf(s.second)).toEqual(['new']);
      // The scope is complete but never resolved: no clean run for later observations either.
      const scopes = await ctx.owner.query<
        { stored: number; declared: number; resolved_at: null }[]
      >(`SELECT stored, declared, resolved_at FROM public.scan_job_scopes WHERE job_id = $1`, [
        s.second.jobOf(ACCOUNT_A),
      ]);
      expect(scopes).toEqual([{ stored: 3, declared: 3, resolved_at: null }]);
      expect(await scanRow(s.second)).toMatchObject({
        status: order.includes('cancelled') ? 'cancelled' : 'completed',
        counts: { findingsNew: 1, findingsResolved: 0 },
      });
    },
  );

  it('keeps what jobs finished before the cancel request resolved; later jobs resolve nothing', async () => {
    const s = await twoScans([ACCOUNT_A, ACCOUNT_B]);
    const bFirst = [result(CHECK, 'FAIL', 'e')];
    await store(s.first, ACCOUNT_B, bFirst, 1);
    await finish(s.first, ACCOUNT_B, bFirst, 0);

    // Account A's job of scan 2 completes (results and final event) before the cancel request.
    await store(s.second, ACCOUNT_A, s.secondResults, 12);
    await finish(s.second, ACCOUNT_A, s.secondResults, 11);
    await requestCancel(s.second);
    // Account B's job stops at a check boundary: e is not reported again, yet stays open.
    const bSecond = [result(CHECK, 'PASS', 'f')];
    await store(s.second, ACCOUNT_B, bSecond, 13);
    await finish(s.second, ACCOUNT_B, bSecond, 11, true);

    expect(await statuses(s.tenantId)).toEqual({
      [bucket('a')]: 'in_progress',
      [bucket('b')]: 'resolved',
      [bucket('c')]: 'compliant',
      [bucket('d')]: 'new',
      [bucket('e')]: 'new',
      [bucket('f')]: 'compliant',
    });
    expect(await scanRow(s.second)).toMatchObject({
      status: 'cancelled',
      counts: { findingsNew: 1, findingsResolved: 1 },
    });
  });

  it('lets a later clean scan resolve what the cancelled one left open', async () => {
    const s = await twoScans();
    await requestCancel(s.second);
    await store(s.second, ACCOUNT_A, s.secondResults, 12);
    await finish(s.second, ACCOUNT_A, s.secondResults, 11, true);
    const third = await createScan(ctx.service, s.tenantId, s.sourceId, [ACCOUNT_A]);
    const thirdResults = [result(CHECK, 'FAIL', 'a')];
    await store(third, ACCOUNT_A, thirdResults, 22);
    await finish(third, ACCOUNT_A, thirdResults, 21);
    expect(await statuses(s.tenantId)).toMatchObject({
      [bucket('a')]: 'in_progress',
      [bucket('b')]: 'resolved',
      [bucket('d')]: 'resolved',
    });
  });
});
