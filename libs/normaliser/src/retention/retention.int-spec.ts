// Retention on the real Postgres, as the service role (RLS applies): what is old enough goes,
// everything else — open findings above all — stays, in batches of short transactions, one
// tenant at a time, and the periodic task runs once at a time across replicas.
import { Logger } from '@nestjs/common';
import {
  createDataSource,
  openTestDataSources,
  PeriodicTaskScheduler,
  type TenantId,
  type TestDataSources,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { CIS_CHECK } from '../posture/test/posture-fixtures';
import {
  createScan,
  createSource,
  createTenant,
  insertFindings,
} from '../test/normaliser-fixtures';
import { pruneTenant, type RetentionPolicy } from './prune-tenant';
import { RetentionTask } from './retention.task';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const daysBefore = (days: number, now = NOW) => new Date(now.getTime() - days * DAY_MS);
const POLICY: RetentionPolicy = {
  retainResolvedDays: 90,
  retainHistoryDays: 365,
  retainSnapshotDays: 730,
  retentionBatchSize: 100,
};
const ACC = '111111111111';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('retention (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let service: DataSource;

  beforeAll(async () => {
    ctx = await openTestDataSources(4);
    service = ctx.service;
  });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  function insertHistory(tenantId: TenantId, at: Date, count = 1): Promise<unknown> {
    return withTenant(service, tenantId, (manager) =>
      manager.query(
        `INSERT INTO public.finding_history (tenant_id, finding_uid, to_status, observed_at, at)
         SELECT $1, repeat('a', 64), 'new', $2, $2 FROM generate_series(1, $3)`,
        [tenantId, at, count],
      ),
    );
  }

  function insertSnapshots(tenantId: TenantId, days: readonly string[]): Promise<unknown> {
    return withTenant(service, tenantId, (manager) =>
      manager.query(
        `INSERT INTO public.posture_snapshots
           (tenant_id, day, account_id, framework, passed, failed, manual, errored, suppressed)
         SELECT $1, d::date, $3, 'cis-aws-foundations-v7.0.0', 1, 0, 0, 0, 0
           FROM unnest($2::text[]) AS d`,
        [tenantId, days, ACC],
      ),
    );
  }

  async function insertJobBatches(tenantId: TenantId, storedAt: readonly Date[]): Promise<void> {
    const sourceId = await createSource(service, tenantId, [{ accountId: ACC }]);
    const jobId = (await createScan(service, tenantId, sourceId, [ACC])).jobOf(ACC);
    await withTenant(service, tenantId, (manager) =>
      manager.query(
        `INSERT INTO public.scan_job_batches (tenant_id, job_id, batch_seq, items, stored_at)
         SELECT $1, $2, s.seq, 10, s.at
           FROM unnest($3::timestamptz[]) WITH ORDINALITY AS s(at, seq)`,
        [tenantId, jobId, storedAt],
      ),
    );
  }

  /** What is left of a tenant (owner: sees all). */
  async function remaining(tenantId: TenantId) {
    const [row] = await ctx.owner.query<
      { findings: string[]; history: string[]; snapshots: string[]; batches: string[] }[]
    >(
      `SELECT
         ARRAY(SELECT uid::text FROM public.findings WHERE tenant_id = $1 ORDER BY uid) AS findings,
         ARRAY(SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM public.finding_history
                WHERE tenant_id = $1 ORDER BY at) AS history,
         ARRAY(SELECT day::text FROM public.posture_snapshots WHERE tenant_id = $1 ORDER BY day)
           AS snapshots,
         ARRAY(SELECT to_char(stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                 FROM public.scan_job_batches WHERE tenant_id = $1 ORDER BY stored_at) AS batches`,
      [tenantId],
    );
    if (row === undefined) throw new Error('no row');
    return row;
  }

  /** A tenant with, of every kind, one row just past its retention and one just within it. */
  async function seedTenant(tenantId: TenantId, now = NOW) {
    const ancient = daysBefore(3650, now);
    const [oldResolved, recentResolved, resolvedButSeen, ...open] = await insertFindings(
      service,
      tenantId,
      [
        { accountId: ACC, checkId: CIS_CHECK, compliance: 'FAIL', resolvedAt: daysBefore(91, now) },
        { accountId: ACC, checkId: CIS_CHECK, compliance: 'PASS', resolvedAt: daysBefore(89, now) },
        // Resolved long ago and still observed passing: current posture, kept.
        {
          accountId: ACC,
          checkId: CIS_CHECK,
          compliance: 'PASS',
          resolvedAt: daysBefore(200, now),
          lastSeenAt: daysBefore(1, now),
        },
        // Open findings, however old, are never deleted.
        ...(['new', 'in_progress', 'manual', 'error', 'compliant'] as const).map((status) => ({
          accountId: ACC,
          checkId: CIS_CHECK,
          compliance: status === 'compliant' ? ('PASS' as const) : ('FAIL' as const),
          status,
          lastSeenAt: ancient,
        })),
        { accountId: ACC, checkId: null, lastSeenAt: ancient },
      ],
    );
    await insertHistory(tenantId, daysBefore(366, now));
    await insertHistory(tenantId, daysBefore(364, now));
    // 730 days before 2026-06-01 is 2024-06-01: the day before goes, that day stays.
    await insertSnapshots(tenantId, ['2024-05-31', '2024-06-01', '2026-06-01']);
    await insertJobBatches(tenantId, [daysBefore(366, now), daysBefore(364, now)]);
    return { oldResolved, kept: [recentResolved, resolvedButSeen, ...open] };
  }

  it('should delete exactly what is older than the policy and keep the rest, open findings above all', async () => {
    const tenant = await createTenant(service);
    const { oldResolved, kept } = await seedTenant(tenant);

    const counts = await pruneTenant(service, tenant, POLICY, NOW);

    expect(counts).toEqual({ resolvedFindings: 1, history: 1, snapshots: 1, jobBatches: 1 });
    const left = await remaining(tenant);
    expect(left.findings).toEqual([...kept].sort());
    expect(left.findings).not.toContain(oldResolved);
    expect(left.history).toEqual([daysBefore(364).toISOString().slice(0, 10)]);
    expect(left.snapshots).toEqual(['2024-06-01', '2026-06-01']);
    expect(left.batches).toEqual([daysBefore(364).toISOString().slice(0, 10)]);

    // Nothing more to do: a second pass deletes nothing.
    expect(await pruneTenant(service, tenant, POLICY, NOW)).toEqual({
      resolvedFindings: 0,
      history: 0,
      snapshots: 0,
      jobBatches: 0,
    });
  });

  it("should never touch another tenant's rows", async () => {
    const a = await createTenant(service);
    const b = await createTenant(service);
    await seedTenant(a);
    await seedTenant(b);
    const before = await remaining(b);

    await pruneTenant(service, a, POLICY, NOW);

    expect(await remaining(b)).toEqual(before);
    expect(before.findings).toHaveLength(9);
  });

  it('should delete in batches of the batch size, each in its own transaction', async () => {
    const tenant = await createTenant(service);
    const old = daysBefore(400);
    await insertFindings(
      service,
      tenant,
      Array.from({ length: 250 }, () => ({
        accountId: ACC,
        checkId: CIS_CHECK,
        compliance: 'PASS' as const,
        resolvedAt: old,
      })),
    );
    await insertHistory(tenant, old, 250);
    await insertHistory(tenant, NOW, 5);
    const transactions = jest.spyOn(service, 'transaction');

    const counts = await pruneTenant(service, tenant, POLICY, NOW);

    expect(counts).toEqual({ resolvedFindings: 250, history: 250, snapshots: 0, jobBatches: 0 });
    // 100 + 100 + 50 for findings and for history, one (empty) batch each for the others.
    expect(transactions).toHaveBeenCalledTimes(3 + 3 + 1 + 1);
    const left = await remaining(tenant);
    expect(left.findings).toEqual([]);
    expect(left.history).toHaveLength(5);
  });

  describe('RetentionTask', () => {
    const taskOn = (dataSource: DataSource, scheduler = new PeriodicTaskScheduler(dataSource)) =>
      new RetentionTask(dataSource, scheduler, {
        normaliser: { ...POLICY, retentionIntervalMs: 10 },
      });

    // The task looks at every tenant: each test starts without the earlier tests' rows.
    beforeEach(async () => {
      await ctx.owner.query(
        `TRUNCATE public.findings, public.finding_history, public.posture_snapshots,
                  public.scan_job_batches`,
      );
    });

    it('should prune every tenant, log what it deleted and return the totals', async () => {
      const logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const a = await createTenant(service);
      const b = await createTenant(service);
      await seedTenant(a);
      await seedTenant(b);

      const totals = await taskOn(service).pruneAll(service.manager, NOW);

      expect(totals).toEqual({ resolvedFindings: 2, history: 2, snapshots: 2, jobBatches: 2 });
      for (const tenantId of [a, b]) {
        expect((await remaining(tenantId)).findings).toHaveLength(8);
        expect(logs).toHaveBeenCalledWith(
          { tenantId, resolvedFindings: 1, history: 1, snapshots: 1, jobBatches: 1 },
          'retention pruned',
        );
      }
    });

    it('should fire once across two replicas and prune on its own', async () => {
      const tenant = await createTenant(service);
      await seedTenant(tenant, new Date());
      const other = await createDataSource({
        url: ctx.db.serviceUrl,
        role: 'service',
        applicationName: 'palisade-normaliser-replica',
        poolSize: 3,
      }).initialize();
      let active = 0;
      let maxActive = 0;
      let runs = 0;
      const original = RetentionTask.prototype.pruneAll;
      jest.spyOn(RetentionTask.prototype, 'pruneAll').mockImplementation(async function (
        this: RetentionTask,
        ...args
      ) {
        active++;
        runs++;
        maxActive = Math.max(maxActive, active);
        try {
          return await original.apply(this, args);
        } finally {
          await sleep(40);
          active--;
        }
      });
      const replicas = [service, other];
      const schedulers = replicas.map((ds) => new PeriodicTaskScheduler(ds));
      try {
        replicas.forEach((ds, i) => taskOn(ds, schedulers[i]).onModuleInit());
        // Several runs: polled, not a fixed sleep (slow on a busy machine).
        for (let waited = 0; runs < 4 && waited < 30_000; waited += 25) await sleep(25);
      } finally {
        await Promise.all(schedulers.map((s) => s.onModuleDestroy()));
        await other.destroy();
      }

      expect(runs).toBeGreaterThanOrEqual(4);
      expect(maxActive).toBe(1);
      const left = await remaining(tenant);
      expect(left.findings).toHaveLength(8);
      expect(left.history).toHaveLength(1);
      expect(left.batches).toHaveLength(1);
    });
  });
});
