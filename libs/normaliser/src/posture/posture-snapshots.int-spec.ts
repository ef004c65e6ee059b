// writePostureSnapshots and PostureSnapshotTask on the real Postgres, as the service role (RLS
// applies): what a day's snapshot counts, how suppression moves findings out of the score and
// back, that a day is rewritten in place, and that tenants never see each other's findings.
import { Logger } from '@nestjs/common';
import {
  createDataSource,
  openTestDataSources,
  PeriodicTaskScheduler,
  type TenantId,
  type TestDataSources,
  withTenant,
} from '@palisade/persistence';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { createTenant, insertFindings } from '../test/normaliser-fixtures';
import { PostureSnapshotTask } from './posture-snapshot.task';
import { utcDay, writePostureSnapshots } from './posture-snapshots';
import { CIS, CIS_CHECK, CIS_CHECK_2, COVERAGE, COVERAGE_CHECK } from './test/posture-fixtures';

const ACC_1 = '111111111111';
const ACC_2 = '222222222222';
const DAY = '2026-03-10';
const zero = { passed: 0, failed: 0, manual: 0, errored: 0, suppressed: 0 };

interface SnapshotRow {
  tenant_id: string;
  day: string;
  account_id: string;
  framework: string;
  passed: number;
  failed: number;
  manual: number;
  errored: number;
  suppressed: number;
  score: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('posture snapshots (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let service: DataSource;

  beforeAll(async () => {
    ctx = await openTestDataSources(4);
    service = ctx.service;
  });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** Every snapshot row of a tenant (owner: sees all), without tenant or timestamps. */
  async function snapshots(tenantId: TenantId, day?: string) {
    const rows = await ctx.owner.query<SnapshotRow[]>(
      `SELECT tenant_id, day::text AS day, account_id, framework, passed, failed, manual, errored,
              suppressed, score::float8 AS score
         FROM public.posture_snapshots
        WHERE tenant_id = $1 AND ($2::date IS NULL OR day = $2::date)
        ORDER BY day, account_id, framework`,
      [tenantId, day ?? null],
    );
    return rows.map(({ tenant_id: _tenant, ...row }) => row);
  }

  const write = (tenantId: TenantId, scope: { day: string; accountIds?: readonly string[] }) =>
    withTenant(service, tenantId, (manager) => writePostureSnapshots(manager, tenantId, scope));

  it('should count per account and framework from the last results, a finding once per framework of its check', async () => {
    const tenant = await createTenant(service);
    const longAgo = new Date('2025-01-01T00:00:00Z');
    await insertFindings(service, tenant, [
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS' },
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS', status: 'in_progress' },
      { accountId: ACC_1, checkId: CIS_CHECK_2, compliance: 'FAIL' },
      { accountId: ACC_1, checkId: CIS_CHECK_2, compliance: 'MANUAL' },
      { accountId: ACC_1, checkId: CIS_CHECK_2, compliance: 'ERROR', status: 'in_progress' },
      // Resolved and now passing: passed. Resolved with a failing last result: the resource is
      // gone, it counts nowhere.
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS', resolvedAt: longAgo },
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'FAIL', resolvedAt: longAgo },
      { accountId: ACC_1, checkId: COVERAGE_CHECK, compliance: 'FAIL' },
      { accountId: ACC_1, checkId: COVERAGE_CHECK, compliance: 'PASS' },
      { accountId: ACC_1, checkId: COVERAGE_CHECK, compliance: 'PASS' },
      { accountId: ACC_2, checkId: CIS_CHECK, compliance: 'FAIL' },
      { accountId: ACC_2, checkId: COVERAGE_CHECK, compliance: 'ERROR' },
      // Inspector2 findings and checks no framework lists are not in any posture.
      { accountId: ACC_2, checkId: null },
      { accountId: ACC_2, checkId: 'retired_check_gone', compliance: 'FAIL' },
    ]);

    expect(await write(tenant, { day: DAY })).toBe(4);

    expect(await snapshots(tenant)).toEqual([
      {
        day: DAY,
        account_id: ACC_1,
        framework: CIS,
        ...zero,
        passed: 3,
        failed: 1,
        manual: 1,
        errored: 1,
        score: 75,
      },
      {
        day: DAY,
        account_id: ACC_1,
        framework: COVERAGE,
        ...zero,
        passed: 2,
        failed: 1,
        score: 66.67,
      },
      { day: DAY, account_id: ACC_2, framework: CIS, ...zero, failed: 1, score: 0 },
      { day: DAY, account_id: ACC_2, framework: COVERAGE, ...zero, errored: 1, score: null },
    ]);
  });

  it('should take a suppressed finding out of the score and put it back once unsuppressed', async () => {
    const tenant = await createTenant(service);
    const rule = randomUUID();
    const [byRule, bySource] = await insertFindings(service, tenant, [
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'FAIL', suppressedBy: rule },
      { accountId: ACC_1, checkId: CIS_CHECK_2, compliance: 'FAIL', sourceSuppressed: true },
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS' },
      { accountId: ACC_1, checkId: CIS_CHECK_2, compliance: 'FAIL' },
    ]);

    await write(tenant, { day: DAY });
    expect(await snapshots(tenant)).toEqual([
      {
        day: DAY,
        account_id: ACC_1,
        framework: CIS,
        ...zero,
        passed: 1,
        failed: 1,
        suppressed: 2,
        score: 50,
      },
    ]);

    await withTenant(service, tenant, (manager) =>
      manager.query('UPDATE public.findings SET suppressed_by = NULL WHERE uid = $1', [byRule]),
    );
    await write(tenant, { day: DAY });
    expect(await snapshots(tenant)).toEqual([
      {
        day: DAY,
        account_id: ACC_1,
        framework: CIS,
        ...zero,
        passed: 1,
        failed: 2,
        suppressed: 1,
        score: 33.33,
      },
    ]);

    await withTenant(service, tenant, (manager) =>
      manager.query('UPDATE public.findings SET source_suppressed = false WHERE uid = $1', [
        bySource,
      ]),
    );
    await write(tenant, { day: DAY });
    expect(await snapshots(tenant)).toEqual([
      { day: DAY, account_id: ACC_1, framework: CIS, ...zero, passed: 1, failed: 3, score: 25 },
    ]);
  });

  it('should rewrite a day in place: one row per account and framework, the latest counts', async () => {
    const tenant = await createTenant(service);
    const [failing] = await insertFindings(service, tenant, [
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'FAIL' },
    ]);
    await write(tenant, { day: DAY });
    await write(tenant, { day: DAY });
    expect(await snapshots(tenant)).toEqual([
      { day: DAY, account_id: ACC_1, framework: CIS, ...zero, failed: 1, score: 0 },
    ]);

    await withTenant(service, tenant, (manager) =>
      manager.query(
        `UPDATE public.findings SET compliance = 'PASS', status = 'resolved',
                     resolved_at = now() WHERE uid = $1`,
        [failing],
      ),
    );
    await insertFindings(service, tenant, [
      { accountId: ACC_1, checkId: CIS_CHECK_2, compliance: 'PASS' },
    ]);
    expect(await write(tenant, { day: DAY })).toBe(1);
    expect(await snapshots(tenant)).toEqual([
      { day: DAY, account_id: ACC_1, framework: CIS, ...zero, passed: 2, score: 100 },
    ]);

    // Another day is another point; the first one is left as it was.
    await write(tenant, { day: '2026-03-11' });
    expect((await snapshots(tenant)).map((r) => [r.day, r.passed])).toEqual([
      [DAY, 2],
      ['2026-03-11', 2],
    ]);
  });

  it('should write only the accounts asked for, and zero a point whose findings are gone', async () => {
    const tenant = await createTenant(service);
    const [gone] = await insertFindings(service, tenant, [
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'FAIL' },
      { accountId: ACC_2, checkId: CIS_CHECK, compliance: 'FAIL' },
    ]);
    expect(await write(tenant, { day: DAY, accountIds: [ACC_1] })).toBe(1);
    expect((await snapshots(tenant)).map((r) => r.account_id)).toEqual([ACC_1]);
    expect(await write(tenant, { day: DAY, accountIds: [] })).toBe(0);

    // The resource is deleted: its finding resolves with a failing last result.
    await withTenant(service, tenant, (manager) =>
      manager.query(
        `UPDATE public.findings SET status = 'resolved', resolved_at = now() WHERE uid = $1`,
        [gone],
      ),
    );
    // An account with no finding nor point gets no row (no framework to file it under).
    expect(await write(tenant, { day: DAY, accountIds: [ACC_1, '333333333333'] })).toBe(1);
    expect(await snapshots(tenant)).toEqual([
      { day: DAY, account_id: ACC_1, framework: CIS, ...zero, score: null },
    ]);

    // The next day carries the zero point once (from the day before), then the trend stops.
    expect(await write(tenant, { day: '2026-03-11', accountIds: [ACC_1] })).toBe(0);
    expect(await snapshots(tenant, '2026-03-11')).toEqual([]);
  });

  it('should count only its own tenant and leave the other tenant rows alone', async () => {
    const a = await createTenant(service);
    const b = await createTenant(service);
    await insertFindings(service, a, [
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS' },
    ]);
    await insertFindings(service, b, [
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'FAIL' },
      { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'FAIL' },
    ]);
    await write(b, { day: DAY });
    const before = await snapshots(b);

    await write(a, { day: DAY });

    expect(await snapshots(a)).toEqual([
      { day: DAY, account_id: ACC_1, framework: CIS, ...zero, passed: 1, score: 100 },
    ]);
    expect(await snapshots(b)).toEqual(before);
    expect(before).toEqual([
      { day: DAY, account_id: ACC_1, framework: CIS, ...zero, failed: 2, score: 0 },
    ]);
    // Under tenant A, B's rows are invisible.
    const seen = await withTenant(service, a, (manager) =>
      manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM public.posture_snapshots'),
    );
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('should reject a day that is not YYYY-MM-DD', async () => {
    const tenant = await createTenant(service);
    await expect(write(tenant, { day: '10/03/2026' })).rejects.toThrow('YYYY-MM-DD');
  });

  describe('PostureSnapshotTask', () => {
    const taskOn = (dataSource: DataSource, scheduler = new PeriodicTaskScheduler(dataSource)) =>
      new PostureSnapshotTask(dataSource, scheduler, {
        normaliser: { housekeepingIntervalMs: 10 },
      });

    // The task looks at every tenant: each test starts without the earlier tests' rows.
    beforeEach(async () => {
      await ctx.owner.query('TRUNCATE public.findings, public.posture_snapshots');
    });

    it("should write today's point for every tenant lacking it, once, and carry yesterday's accounts forward", async () => {
      const a = await createTenant(service);
      const b = await createTenant(service);
      const now = new Date('2026-03-11T08:00:00Z');
      await insertFindings(service, a, [
        { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS' },
        { accountId: ACC_2, checkId: CIS_CHECK, compliance: 'FAIL' },
      ]);
      await insertFindings(service, b, [
        { accountId: ACC_1, checkId: COVERAGE_CHECK, compliance: 'FAIL' },
      ]);
      const task = taskOn(service);

      // Tenant A's ACC_1 was scanned this morning (a point today already); ACC_2 last had one
      // yesterday. Tenant B has no point at all.
      await write(a, { day: '2026-03-10' });
      await write(a, { day: '2026-03-11', accountIds: [ACC_1] });

      expect(await task.snapshotDueTenants(service.manager, now)).toBe(3);
      expect((await snapshots(a, '2026-03-11')).map((r) => [r.account_id, r.score])).toEqual([
        [ACC_1, 100],
        [ACC_2, 0],
      ]);
      expect(await snapshots(b, '2026-03-11')).toEqual([
        { day: '2026-03-11', account_id: ACC_1, framework: COVERAGE, ...zero, failed: 1, score: 0 },
      ]);

      // Complete for today: later findings wait for the scan that closes (or tomorrow).
      await insertFindings(service, b, [
        { accountId: ACC_1, checkId: COVERAGE_CHECK, compliance: 'PASS' },
      ]);
      expect(await task.snapshotDueTenants(service.manager, now)).toBe(0);
      expect((await snapshots(b, '2026-03-11')).map((r) => r.score)).toEqual([0]);

      // The next day every tenant gets its point.
      expect(await task.snapshotDueTenants(service.manager, new Date('2026-03-12T00:01:00Z'))).toBe(
        3,
      );
      expect((await snapshots(b, '2026-03-12')).map((r) => r.score)).toEqual([50]);
    });

    it('should fire once across two replicas and write today on its own', async () => {
      const tenant = await createTenant(service);
      await insertFindings(service, tenant, [
        { accountId: ACC_1, checkId: CIS_CHECK, compliance: 'PASS' },
      ]);
      const other = await createDataSource({
        url: ctx.db.serviceUrl,
        role: 'service',
        applicationName: 'palisade-normaliser-replica',
        poolSize: 3,
      }).initialize();
      let active = 0;
      let maxActive = 0;
      let runs = 0;
      const original = PostureSnapshotTask.prototype.snapshotDueTenants;
      jest
        .spyOn(PostureSnapshotTask.prototype, 'snapshotDueTenants')
        .mockImplementation(async function (this: PostureSnapshotTask, ...args) {
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
      expect(await snapshots(tenant, utcDay(new Date()))).toEqual([
        {
          day: utcDay(new Date()),
          account_id: ACC_1,
          framework: CIS,
          ...zero,
          passed: 1,
          score: 100,
        },
      ]);
    });
  });
});
