// SuppressionExpiryTask on the real Postgres, as the service role: expired and deleted rules
// stop suppressing (history + findings.changed), every tenant is swept, and a sweep runs once
// across replicas.
import { Logger } from '@nestjs/common';
import {
  createDataSource,
  openTestDataSources,
  PeriodicTaskScheduler,
  TenantTransactions,
  type TenantId,
  type TestDataSources,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  createTenant,
  insertFindings,
  waitForLockWaiters,
} from '../test/normaliser-fixtures';
import { writePostureSnapshots } from '../posture/posture-snapshots';
import { CIS, CIS_CHECK, CIS_CHECK_2 } from '../posture/test/posture-fixtures';
import { SuppressionExpiryTask } from './suppression-expiry.task';
import {
  announcedOf,
  apply,
  createRule,
  deleteRule,
  expireRule,
  historyOf,
  suppressedBy,
} from './test/suppression-fixtures';

describe('SuppressionExpiryTask (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let replica: DataSource; // a second normaliser replica, its own pool

  const taskOn = (dataSource: DataSource, housekeepingIntervalMs = 60_000) => {
    const scheduler = new PeriodicTaskScheduler(dataSource);
    const task = new SuppressionExpiryTask(new TenantTransactions(dataSource), scheduler, {
      normaliser: { housekeepingIntervalMs },
    });
    return { task, scheduler };
  };

  /** A tenant with three findings (accounts A, B, C), each suppressed by its own rule. */
  async function suppressedTenant() {
    const tenant = await createTenant(ctx.service);
    const uids = await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A },
      { accountId: ACCOUNT_B },
      { accountId: ACCOUNT_C },
    ]);
    const rules = [];
    for (const accountId of [ACCOUNT_A, ACCOUNT_B, ACCOUNT_C]) {
      rules.push(await createRule(ctx.service, tenant, { accountIds: [accountId] }));
    }
    await apply(ctx.service, tenant, 'all');
    return { tenant, uids, ids: rules.map((r) => r.id) };
  }

  /** History and announcements from now on (the first apply's are left out). */
  async function changesSince(tenant: TenantId, skip: number) {
    return {
      history: (await historyOf(ctx.owner, tenant)).slice(skip),
      announced: (await announcedOf(ctx.owner, tenant)).slice(skip),
    };
  }

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    ctx = await openTestDataSources(6);
    replica = await createDataSource({
      url: ctx.db.serviceUrl,
      role: 'service',
      poolSize: 4,
    }).initialize();
  });

  afterAll(async () => {
    await replica?.destroy();
    await ctx?.close();
  });

  it('should unsuppress the findings of expired and deleted rules in every tenant, once', async () => {
    const one = await suppressedTenant();
    const two = await suppressedTenant();
    await expireRule(ctx.owner, one.ids[0] ?? '');
    await deleteRule(ctx.service, one.tenant, one.ids[1] ?? '');
    await expireRule(ctx.owner, two.ids[2] ?? '');
    const { task } = taskOn(ctx.service);

    expect(await task.runOnce()).toEqual({ ran: true, value: 3 });

    expect(await suppressedBy(ctx.owner, one.uids)).toEqual([null, null, one.ids[2]]);
    expect(await suppressedBy(ctx.owner, two.uids)).toEqual([two.ids[0], two.ids[1], null]);
    const first = await changesSince(one.tenant, 3);
    expect(first.history.map((h) => [h.finding_uid, h.change, h.suppressed_by]).sort()).toEqual(
      [
        [one.uids[0], 'unsuppressed', one.ids[0]],
        [one.uids[1], 'unsuppressed', one.ids[1]],
      ].sort(),
    );
    expect(first.history.every((h) => h.scan_id === null && h.job_id === null)).toBe(true);
    expect(first.announced.map((m) => [m.findingUid, m.change]).sort()).toEqual(
      [
        [one.uids[0], 'unsuppressed'],
        [one.uids[1], 'unsuppressed'],
      ].sort(),
    );
    const second = await changesSince(two.tenant, 3);
    expect(second.announced.map((m) => [m.findingUid, m.change])).toEqual([
      [two.uids[2], 'unsuppressed'],
    ]);

    // Nothing left to do: the next sweep changes and announces nothing.
    expect(await task.runOnce()).toEqual({ ran: true, value: 0 });
    expect((await changesSince(one.tenant, 3)).history).toHaveLength(2);
    expect((await changesSince(two.tenant, 3)).history).toHaveLength(1);
  });

  it("should bring an expired rule's findings back into the posture score", async () => {
    const tenant = await createTenant(ctx.service);
    await insertFindings(ctx.service, tenant, [
      { accountId: ACCOUNT_A, checkId: CIS_CHECK, compliance: 'PASS' },
      { accountId: ACCOUNT_A, checkId: CIS_CHECK_2, compliance: 'FAIL' },
    ]);
    const rule = await createRule(ctx.service, tenant, { checkIds: [CIS_CHECK_2] });
    await apply(ctx.service, tenant, 'all');
    const snapshot = async () => {
      await withTenant(ctx.service, tenant, (manager, tenantId) =>
        writePostureSnapshots(manager, tenantId, { day: '2026-11-28' }),
      );
      return ctx.owner.query<
        { passed: number; failed: number; suppressed: number; score: string }[]
      >(
        `SELECT passed, failed, suppressed, score FROM public.posture_snapshots
          WHERE tenant_id = $1 AND framework = $2`,
        [tenant, CIS],
      );
    };
    // Suppressed, the failure leaves the score.
    expect(await snapshot()).toEqual([{ passed: 1, failed: 0, suppressed: 1, score: '100.00' }]);

    await expireRule(ctx.owner, rule.id);
    await taskOn(ctx.service).task.runOnce();

    expect(await snapshot()).toEqual([{ passed: 1, failed: 1, suppressed: 0, score: '50.00' }]);
  });

  it('should hand a finding to the next matching rule when its rule expires', async () => {
    const tenant = await createTenant(ctx.service);
    const [uid] = await insertFindings(ctx.service, tenant, [{ accountId: ACCOUNT_A }]);
    const first = await createRule(ctx.service, tenant, { accountIds: [ACCOUNT_A] });
    const second = await createRule(ctx.service, tenant, { regions: ['eu-west-1'] });
    await apply(ctx.service, tenant, 'all');
    await expireRule(ctx.owner, first.id);

    await taskOn(ctx.service).task.runOnce();

    expect(await suppressedBy(ctx.owner, [uid ?? ''])).toEqual([second.id]);
    const { history, announced } = await changesSince(tenant, 1);
    expect(history.map((h) => [h.change, h.suppressed_by])).toEqual([[null, second.id]]);
    expect(announced).toEqual([]);
  });

  it('should sweep on one replica at a time', async () => {
    const { tenant, uids, ids } = await suppressedTenant();
    await expireRule(ctx.owner, ids[0] ?? '');
    // Hold the finding's row so that replica 1's sweep waits inside its advisory lock.
    const blocker = ctx.owner.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query(`SELECT 1 FROM public.findings WHERE uid = $1 FOR UPDATE`, [uids[0]]);
      const first = taskOn(ctx.service).task.runOnce();
      await waitForLockWaiters(ctx.owner, 1);
      expect(await taskOn(replica).task.runOnce()).toEqual({ ran: false });
      await blocker.commitTransaction();
      expect(await first).toEqual({ ran: true, value: 1 });
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
    const { history, announced } = await changesSince(tenant, 3);
    expect(history.map((h) => [h.finding_uid, h.change])).toEqual([[uids[0], 'unsuppressed']]);
    expect(announced).toHaveLength(1);
  });

  it('should sweep on its own every housekeeping interval, on two replicas', async () => {
    const { tenant, uids, ids } = await suppressedTenant();
    await deleteRule(ctx.service, tenant, ids[1] ?? '');
    const replicas = [taskOn(ctx.service, 50), taskOn(replica, 50)];
    for (const { task } of replicas) task.onModuleInit();
    try {
      for (let attempt = 0; attempt < 200; attempt++) {
        if ((await suppressedBy(ctx.owner, [uids[1] ?? '']))[0] === null) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // A few more periods on both replicas.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await Promise.all(replicas.map(({ scheduler }) => scheduler.onModuleDestroy()));
    }
    expect(await suppressedBy(ctx.owner, uids)).toEqual([ids[0], null, ids[2]]);
    const { history, announced } = await changesSince(tenant, 3);
    expect(history.map((h) => [h.finding_uid, h.change])).toEqual([[uids[1], 'unsuppressed']]);
    expect(announced).toHaveLength(1);
  });
});
