// The stale-job timeout against the real Postgres: silent jobs fail with JOB_TIMEOUT and close
// their scan, every tenant is swept, a late final event keeps the job failed, and the task
// fires on its own through the periodic-task scheduler.
import {
  PeriodicTaskScheduler,
  type TenantId,
  TenantTransactions,
  openTestDataSources,
  type TestDataSources,
} from '@palisade/persistence';
import { ACCOUNT_A, ACCOUNT_B, createTenant } from '../test/normaliser-fixtures';
import { StaleJobsTask, type StaleJobsTaskConfig } from './stale-jobs.task';
import {
  consumerOn,
  eventsFor,
  lifecycleMessages,
  readJob,
  readScan,
  seedScan,
} from './test/scan-progress-fixtures';

const HOUR = 3_600_000;

describe('StaleJobsTask, connected as the service role', () => {
  let context: TestDataSources;
  let tenant: TenantId;

  const taskWith = (
    options: StaleJobsTaskConfig['normaliser'],
    scheduler?: PeriodicTaskScheduler,
  ) =>
    new StaleJobsTask(
      context.service,
      new TenantTransactions(context.service),
      scheduler ?? new PeriodicTaskScheduler(context.service),
      { normaliser: options },
    );

  beforeAll(async () => {
    context = await openTestDataSources(4);
    tenant = await createTenant(context.service);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('should fail silent jobs with JOB_TIMEOUT and close their scan, once', async () => {
    const scan = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
      { scope: 'account', accountId: ACCOUNT_B },
    ]);
    const a = eventsFor(scan, scan.job(ACCOUNT_A));
    const consumer = consumerOn(context.service);
    await consumer.onJobEvent(a.started(new Date().toISOString()));
    const task = taskWith({ jobTimeoutMs: 2 * HOUR, housekeepingIntervalMs: 0 });

    // An hour of silence is within the timeout.
    expect(await task.sweep(new Date(Date.now() + HOUR))).toEqual({ timedOut: 0, closed: [] });
    expect((await readJob(context.owner, scan.job(ACCOUNT_A).id)).status).toBe('running');

    const later = new Date(Date.now() + 3 * HOUR);
    const sweep = await task.sweep(later);
    expect(sweep.timedOut).toBe(2);
    expect(sweep.closed).toMatchObject([{ scanId: scan.scanId, status: 'failed' }]);
    const running = await readJob(context.owner, scan.job(ACCOUNT_A).id);
    const pending = await readJob(context.owner, scan.job(ACCOUNT_B).id);
    expect(running).toMatchObject({
      status: 'failed',
      error_code: 'JOB_TIMEOUT',
      finished_at: later,
    });
    expect(running.error_message).toMatch(
      /^the running job sent no event for 1(79|80) min \(timeout 120 min\)$/,
    );
    expect(pending).toMatchObject({ status: 'failed', error_code: 'JOB_TIMEOUT' });
    expect(pending.error_message).toMatch(
      /^no worker started the job: no event for 1(79|80) min since it was emitted \(timeout 120 min\)$/,
    );
    expect(await readScan(context.owner, scan.scanId)).toMatchObject({
      status: 'failed',
      counts: { accountsTotal: 2, accountsFailed: 2 },
    });
    expect(await lifecycleMessages(context.owner, scan.scanId)).toMatchObject([
      { status: 'failed', counts: { accountsFailed: 2 } },
    ]);

    // Nothing left to time out; the scan is not closed twice.
    expect(await task.sweep(new Date(Date.now() + 4 * HOUR))).toEqual({ timedOut: 0, closed: [] });

    // The final event arrives after all: the job stays failed, its result and declaration and
    // watermarks are stored, and the closed scan is not announced again.
    await consumer.onJobEvent(
      a.finished(new Date().toISOString(), {
        scopeCounts: [{ region: 'eu-west-1', checkId: 'iam_root_mfa_enabled', count: 3 }],
        watermarks: { 'eu-west-1': '2026-03-01T00:00:00.000Z' },
      }),
    );
    const late = await readJob(context.owner, scan.job(ACCOUNT_A).id);
    expect(late).toMatchObject({ status: 'failed', error_code: 'JOB_TIMEOUT', finished_at: later });
    expect(late.result).toMatchObject({ scopes: 1, results: 3, apiCalls: 42 });
    expect(
      await context.owner.query(
        'SELECT region, check_id, declared FROM public.scan_job_scopes WHERE job_id = $1',
        [scan.job(ACCOUNT_A).id],
      ),
    ).toEqual([{ region: 'eu-west-1', check_id: 'iam_root_mfa_enabled', declared: 3 }]);
    expect(
      await context.owner.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM public.inspector_watermarks WHERE tenant_id = $1 AND account_id = $2',
        [tenant, ACCOUNT_A],
      ),
    ).toEqual([{ n: 1 }]);
    expect((await readScan(context.owner, scan.scanId)).status).toBe('failed');
    expect(await lifecycleMessages(context.owner, scan.scanId)).toHaveLength(1);
  });

  it('should leave jobs discovery never emitted, and sweep every tenant', async () => {
    const other = await createTenant(context.service);
    const unemitted = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
    ]);
    await context.owner.query('UPDATE public.scan_jobs SET emitted_at = NULL WHERE scan_id = $1', [
      unemitted.scanId,
    ]);
    const theirs = await seedScan(context.service, other, [
      { scope: 'account', accountId: ACCOUNT_B },
    ]);

    const sweep = await taskWith({ jobTimeoutMs: 2 * HOUR, housekeepingIntervalMs: 0 }).sweep(
      new Date(Date.now() + 3 * HOUR),
    );
    expect(sweep.closed.map((s) => s.scanId)).toEqual([theirs.scanId]);
    expect((await readJob(context.owner, unemitted.job(ACCOUNT_A).id)).status).toBe('pending');
    expect((await readScan(context.owner, theirs.scanId)).status).toBe('failed');
  });

  it('should sweep on its own on every interval once the module starts', async () => {
    const scan = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_B },
    ]);
    const scheduler = new PeriodicTaskScheduler(context.service);
    taskWith({ jobTimeoutMs: 500, housekeepingIntervalMs: 100 }, scheduler).onModuleInit();
    try {
      let status = 'pending';
      for (let i = 0; i < 100 && status === 'pending'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await readJob(context.owner, scan.job(ACCOUNT_B).id)).status;
      }
      expect(status).toBe('failed');
      expect((await readScan(context.owner, scan.scanId)).status).toBe('failed');
    } finally {
      await scheduler.onModuleDestroy();
    }
  });
});
