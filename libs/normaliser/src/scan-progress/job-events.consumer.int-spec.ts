// Job events against the real Postgres, as the service role (RLS applies): job statuses,
// scan counts and closure, duplicates and re-ordering, concurrent closure, watermarks, and
// events that name a job the tenant does not have.
import { type ScanJobEvent } from '@palisade/contracts';
import { isTransient } from '@palisade/messaging';
import {
  createDataSource,
  type TenantId,
  openTestDataSources,
  type TestDataSources,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { utcDay } from '../posture/posture-snapshots';
import { recordFindingChanges } from '../store/finding-changes';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNT_C,
  createTenant,
  insertFindings,
  waitForLockWaiters,
} from '../test/normaliser-fixtures';
import { type JobEventsConsumer } from './job-events.consumer';
import { UnknownJobError } from './job-store';
import {
  consumerOn,
  eventsFor,
  type JobRow,
  lifecycleMessages,
  readJob,
  readJobs,
  readScan,
  type SeededScan,
  seedScan,
} from './test/scan-progress-fixtures';

const T = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

describe('JobEventsConsumer, connected as the service role', () => {
  let context: TestDataSources;
  let replica: DataSource;
  let consumer: JobEventsConsumer;
  let tenant: TenantId;

  const deliver = async (...events: ScanJobEvent[]) => {
    for (const event of events) await consumer.onJobEvent(event);
  };
  const threeAccounts = () =>
    seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
      { scope: 'account', accountId: ACCOUNT_B },
      { scope: 'account', accountId: ACCOUNT_C },
    ]);

  beforeAll(async () => {
    context = await openTestDataSources(6);
    replica = await createDataSource({
      url: context.db.serviceUrl,
      role: 'service',
      poolSize: 4,
    }).initialize();
    consumer = consumerOn(context.service);
    tenant = await createTenant(context.service);
  });

  afterAll(async () => {
    await replica?.destroy();
    await context?.close();
  });

  it('should run a scan through its lifecycle and close it once with its counts', async () => {
    const scan = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
      { scope: 'account', accountId: ACCOUNT_B },
      { scope: 'account', accountId: ACCOUNT_C, status: 'skipped', skipReason: 'SUSPENDED' },
      { scope: 'organization', accountId: ACCOUNT_A },
    ]);
    const a = eventsFor(scan, scan.job(ACCOUNT_A));
    const b = eventsFor(scan, scan.job(ACCOUNT_B));
    const c = eventsFor(scan, scan.job(ACCOUNT_C));
    const org = eventsFor(scan, scan.job(ACCOUNT_A, 'organization'));
    // A finding of A's iam scope the scan no longer reports (the gate resolves it), one of
    // another check it does not evaluate (stays open, in posture), and history of the scan.
    const open = {
      accountId: ACCOUNT_A,
      region: 'eu-west-1',
      resourceUid: `arn:aws:iam::${ACCOUNT_A}:root`,
      compliance: 'FAIL',
      status: 'in_progress',
    } as const;
    const [stale] = await insertFindings(context.service, tenant, [
      { ...open, checkId: 'iam_root_mfa_enabled', lastSeenAt: new Date('2026-01-01T00:00:00Z') },
      {
        ...open,
        checkId: 'ec2_instance_imdsv2_required',
        lastSeenAt: new Date('2026-03-01T10:30:00Z'),
      },
    ]);
    await withTenant(context.service, tenant, (manager, tenantId) =>
      recordFindingChanges(
        manager,
        tenantId,
        (['new', 'new', 'reopened'] as const).map((change, i) => ({
          uid: String(i).repeat(64),
          change,
          fromStatus: change === 'new' ? null : 'resolved',
          toStatus: 'new',
          scanId: scan.scanId,
          jobId: scan.job(ACCOUNT_A).id,
          observedAt: new Date(T(5)),
          accountId: ACCOUNT_A,
          region: 'eu-west-1',
          checkId: 'ec2_instance_imdsv2_required',
          severity: 'high',
        })),
      ),
    );

    await deliver(a.started(T(1)));
    let jobA = await readJob(context.owner, scan.job(ACCOUNT_A).id);
    expect(jobA).toMatchObject({ status: 'running', started_at: new Date(T(1)) });
    expect(jobA.acknowledged_at).not.toBeNull();
    expect(await readScan(context.owner, scan.scanId)).toMatchObject({
      status: 'running',
      started_at: new Date(T(1)),
    });

    const beforeProgress = jobA.updated_at;
    await deliver(a.progress(T(2)));
    jobA = await readJob(context.owner, scan.job(ACCOUNT_A).id);
    expect(jobA.status).toBe('running');
    expect(jobA.result).toEqual({
      progress: { regionsDone: 1, regionsTotal: 2, checksDone: 3, at: T(2) },
    });
    expect(jobA.updated_at.getTime()).toBeGreaterThan(beforeProgress.getTime());

    await deliver(org.started(T(1)), org.finished(T(3), { startedAt: T(1) }));
    await deliver(c.skipped(T(0), 'SUSPENDED'));
    await deliver(b.failed(T(4), 'ASSUME_ROLE_DENIED', 'not authorized to perform sts:AssumeRole'));
    expect((await readScan(context.owner, scan.scanId)).status).toBe('running');
    expect(await lifecycleMessages(context.owner, scan.scanId)).toEqual([]);

    await deliver(
      a.finished(T(9), {
        startedAt: T(1),
        scopeCounts: [{ region: 'eu-west-1', checkId: 'iam_root_mfa_enabled', count: 0 }],
        watermarks: { 'eu-west-1': '2026-03-01T09:00:00.000Z' },
      }),
    );

    const jobs = await readJobs(context.owner, scan.scanId);
    expect(jobs.map((j) => [j.scope, j.account_id, j.status, j.error_code, j.skip_reason])).toEqual(
      [
        ['account', ACCOUNT_A, 'succeeded', null, null],
        ['account', ACCOUNT_B, 'failed', 'ASSUME_ROLE_DENIED', null],
        ['account', ACCOUNT_C, 'skipped', null, 'SUSPENDED'],
        ['organization', ACCOUNT_A, 'succeeded', null, null],
      ],
    );
    expect(jobs.every((j) => j.acknowledged_at !== null && j.finished_at !== null)).toBe(true);
    expect(jobs[0]).toMatchObject({
      started_at: new Date(T(1)),
      finished_at: new Date(T(9)),
      result: {
        scopes: 1,
        results: 0,
        batches: 0,
        errors: [],
        regions: { scanned: ['eu-west-1', 'us-east-1'], notEnabled: [], failed: [] },
        inspector: { status: 'ENABLED', findings: 2 },
        sourceIdentityUsed: true,
        apiCalls: 42,
        timings: { startedAt: T(1), durationMs: 1_000 },
        cancelled: false,
      },
    });

    const closed = await readScan(context.owner, scan.scanId);
    const counts = {
      accountsTotal: 3,
      accountsDone: 1,
      accountsFailed: 1,
      accountsSkipped: 1,
      accountsCancelled: 0,
      organizationJobsTotal: 1,
      organizationJobsDone: 1,
      organizationJobsFailed: 0,
      organizationJobsSkipped: 0,
      organizationJobsCancelled: 0,
      jobsWithErrors: 0,
      findingsNew: 2,
      findingsResolved: 1,
      findingsReopened: 1,
    };
    expect(closed).toMatchObject({
      status: 'completed_with_errors',
      counts,
      error:
        '1 of 4 jobs failed: 222222222222: ASSUME_ROLE_DENIED (not authorized to perform sts:AssumeRole)',
    });
    expect(closed.finished_at).not.toBeNull();
    const messages = await lifecycleMessages(context.owner, scan.scanId);
    expect(messages).toEqual([
      {
        schemaVersion: 1,
        tenantId: tenant,
        scanId: scan.scanId,
        status: 'completed_with_errors',
        counts: {
          accountsDone: 1,
          accountsFailed: 1,
          accountsSkipped: 1,
          findingsNew: 2,
          findingsResolved: 1,
          findingsReopened: 1,
        },
        at: closed.finished_at?.toISOString(),
      },
    ]);

    // The resolution gate ran in the same transaction, and so did the watermarks and posture.
    const [finding] = await context.owner.query<{ status: string }[]>(
      'SELECT status FROM public.findings WHERE uid = $1',
      [stale],
    );
    expect(finding?.status).toBe('resolved');
    expect(
      await context.owner.query(
        'SELECT region, updated_at_watermark AS w FROM public.inspector_watermarks WHERE tenant_id = $1 AND account_id = $2',
        [tenant, ACCOUNT_A],
      ),
    ).toEqual([{ region: 'eu-west-1', w: new Date('2026-03-01T09:00:00.000Z') }]);
    const posture = await context.owner.query<{ account_id: string; failed: number }[]>(
      `SELECT account_id, failed FROM public.posture_snapshots
        WHERE tenant_id = $1 AND day = $2::date`,
      [tenant, utcDay(closed.finished_at ?? new Date())],
    );
    expect(posture).toEqual([{ account_id: ACCOUNT_A, failed: 1 }]);
  });

  /** Three jobs: A finishes with an error, B starts then fails, C finishes cleanly. */
  const lifecycleOf = (scan: SeededScan) => {
    const [a, b, c] = [ACCOUNT_A, ACCOUNT_B, ACCOUNT_C].map((id) =>
      eventsFor(scan, scan.job(id)),
    ) as [ReturnType<typeof eventsFor>, ReturnType<typeof eventsFor>, ReturnType<typeof eventsFor>];
    return [
      [
        a.started(T(1)),
        a.progress(T(2)),
        a.finished(T(5), {
          startedAt: T(1),
          errors: [
            {
              region: 'eu-west-1',
              checkId: 'iam_root_mfa_enabled',
              code: 'ACCESS_DENIED',
              message: 'denied',
            },
          ],
        }),
      ],
      [b.started(T(1)), b.failed(T(3), 'THROTTLED', 'rate exceeded')],
      [c.started(T(2)), c.progress(T(3)), c.finished(T(6), { startedAt: T(2) })],
    ];
  };
  const stateOf = async (scan: SeededScan) => {
    const jobs = await readJobs(context.owner, scan.scanId);
    const { status, counts, error, started_at } = await readScan(context.owner, scan.scanId);
    return {
      jobs: jobs.map((j: JobRow) => ({
        account: j.account_id,
        status: j.status,
        started: j.started_at,
        finished: j.finished_at,
        code: j.error_code,
        message: j.error_message,
        result: j.result,
      })),
      scan: { status, counts, error, started_at },
    };
  };

  it('should reach the same state from duplicated and re-ordered events', async () => {
    const inOrder = await threeAccounts();
    for (const events of lifecycleOf(inOrder)) await deliver(...events);

    const shuffled = await threeAccounts();
    const [a, b, c] = lifecycleOf(shuffled).map((events) => [...events].reverse());
    // Every event twice; each job's final event first; jobs interleaved.
    const twice = (events: ScanJobEvent[] | undefined) => (events ?? []).flatMap((e) => [e, e]);
    await deliver(...twice(a), ...twice(c?.slice(0, 1)), ...twice(b), ...twice(c?.slice(1)));

    const expected = await stateOf(inOrder);
    expect(expected.scan).toMatchObject({
      status: 'completed_with_errors',
      counts: { accountsTotal: 3, accountsDone: 2, accountsFailed: 1, jobsWithErrors: 1 },
    });
    expect(expected.scan.error).toBe(
      "1 of 3 jobs failed: 222222222222: THROTTLED (rate exceeded). 1 job finished with errors (see each job's result)",
    );
    expect(await stateOf(shuffled)).toEqual(expected);
    expect(await lifecycleMessages(context.owner, inOrder.scanId)).toHaveLength(1);
    expect(await lifecycleMessages(context.owner, shuffled.scanId)).toHaveLength(1);
  });

  it('should change nothing when a started or progress event arrives after the final one', async () => {
    const scan = await threeAccounts();
    const a = eventsFor(scan, scan.job(ACCOUNT_A));
    await deliver(a.started(T(1)), a.finished(T(5), { startedAt: T(1) }));
    const before = await readJob(context.owner, scan.job(ACCOUNT_A).id);
    await deliver(a.started(T(7)), a.progress(T(8)), a.finished(T(9), { startedAt: T(7) }));
    expect(await readJob(context.owner, scan.job(ACCOUNT_A).id)).toEqual(before);
  });

  it('should cancel a scan whose jobs were stopped or skipped by the cancellation', async () => {
    const scan = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
      { scope: 'account', accountId: ACCOUNT_B },
    ]);
    const a = eventsFor(scan, scan.job(ACCOUNT_A));
    const b = eventsFor(scan, scan.job(ACCOUNT_B));
    await deliver(
      a.started(T(1)),
      a.finished(T(2), { cancelled: true }),
      b.skipped(T(2), 'CANCELLED'),
    );
    expect((await readJobs(context.owner, scan.scanId)).map((j) => j.status)).toEqual([
      'cancelled',
      'skipped',
    ]);
    expect(await readScan(context.owner, scan.scanId)).toMatchObject({
      status: 'cancelled',
      counts: { accountsCancelled: 1, accountsSkipped: 1, accountsDone: 0 },
      error: 'the scan was cancelled: 1 job stopped, 1 not started',
    });
    expect(await lifecycleMessages(context.owner, scan.scanId)).toMatchObject([
      { status: 'cancelled' },
    ]);
  });

  it('should fail a scan whose jobs all failed, naming each failure', async () => {
    const scan = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
      {
        scope: 'account',
        accountId: ACCOUNT_B,
        status: 'failed',
        errorCode: 'ASSUME_ROLE_DENIED',
        errorMessage: 'preflight: denied',
      },
    ]);
    await deliver(
      eventsFor(scan, scan.job(ACCOUNT_B)).failed(T(0), 'ASSUME_ROLE_DENIED', 'preflight: denied'),
    );
    expect((await readScan(context.owner, scan.scanId)).status).toBe('queued');
    await deliver(
      eventsFor(scan, scan.job(ACCOUNT_A)).started(T(1)),
      eventsFor(scan, scan.job(ACCOUNT_A)).failed(T(2), 'EXPIRED_TOKEN', 'the token expired'),
    );
    expect(await readScan(context.owner, scan.scanId)).toMatchObject({
      status: 'failed',
      counts: { accountsFailed: 2, accountsDone: 0 },
      error:
        '2 of 2 jobs failed: 111111111111: EXPIRED_TOKEN (the token expired); 222222222222: ASSUME_ROLE_DENIED (preflight: denied)',
    });
    expect(await lifecycleMessages(context.owner, scan.scanId)).toMatchObject([
      { status: 'failed', counts: { accountsFailed: 2 } },
    ]);
  });

  it('should close a scan once when replicas handle its last two final events at the same time', async () => {
    const scan = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_A },
      { scope: 'account', accountId: ACCOUNT_B },
    ]);
    const a = eventsFor(scan, scan.job(ACCOUNT_A));
    const b = eventsFor(scan, scan.job(ACCOUNT_B));
    await deliver(a.started(T(1)), b.started(T(1)));
    const other = consumerOn(replica);

    // Hold the scan row so both handlers commit their job and queue up on the scan's lock.
    const holder = context.owner.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1 FROM public.scans WHERE id = $1 FOR UPDATE', [scan.scanId]);
    const racing = Promise.all([
      consumer.onJobEvent(a.finished(T(5))),
      other.onJobEvent(b.finished(T(5))),
    ]);
    await waitForLockWaiters(context.owner, 2);
    await holder.commitTransaction();
    await holder.release();
    await racing;

    expect((await readScan(context.owner, scan.scanId)).status).toBe('completed');
    expect(await lifecycleMessages(context.owner, scan.scanId)).toHaveLength(1);

    // The last event delivered again, twice at once, closes nothing more.
    await Promise.all([consumer.onJobEvent(b.finished(T(5))), other.onJobEvent(b.finished(T(5)))]);
    expect(await lifecycleMessages(context.owner, scan.scanId)).toHaveLength(1);
  });

  it('should only move Inspector2 watermarks forward', async () => {
    await withDiscoveryRepositories(context.service, tenant, (r) =>
      r.inspectorWatermarks.upsert(tenant, [
        { accountId: ACCOUNT_C, region: 'eu-west-1', watermark: new Date('2026-03-05T00:00:00Z') },
      ]),
    );
    const first = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_C },
    ]);
    await deliver(
      eventsFor(first, first.job(ACCOUNT_C)).finished(T(5), {
        watermarks: {
          'eu-west-1': '2026-03-01T00:00:00.000Z',
          'us-east-1': '2026-03-02T00:00:00.000Z',
        },
      }),
    );
    const marks = () =>
      withDiscoveryRepositories(context.service, tenant, (r) =>
        r.inspectorWatermarks.watermarksFor(tenant, [ACCOUNT_C]),
      );
    expect((await marks()).get(ACCOUNT_C)).toEqual({
      'eu-west-1': '2026-03-05T00:00:00.000Z',
      'us-east-1': '2026-03-02T00:00:00.000Z',
    });
    const second = await seedScan(context.service, tenant, [
      { scope: 'account', accountId: ACCOUNT_C },
    ]);
    await deliver(
      eventsFor(second, second.job(ACCOUNT_C)).finished(T(5), {
        watermarks: { 'eu-west-1': '2026-03-09T00:00:00.000Z' },
      }),
    );
    expect((await marks()).get(ACCOUNT_C)).toEqual({
      'eu-west-1': '2026-03-09T00:00:00.000Z',
      'us-east-1': '2026-03-02T00:00:00.000Z',
    });
  });

  it('should refuse, for good, an event whose job does not exist or is not where it says', async () => {
    const scan = await threeAccounts();
    const real = scan.job(ACCOUNT_A);
    const ghost = eventsFor(scan, { ...real, id: '00000000-0000-4000-8000-000000000000' }).started(
      T(1),
    );
    const error = await consumer.onJobEvent(ghost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownJobError);
    expect(isTransient(error)).toBe(false);
    expect((error as Error).message).toBe(
      `job 00000000-0000-4000-8000-000000000000 (scan ${scan.scanId}, started event) does not exist for tenant ${tenant}`,
    );
    const elsewhere = eventsFor({ ...scan, scanId: (await threeAccounts()).scanId }, real).started(
      T(1),
    );
    await expect(consumer.onJobEvent(elsewhere)).rejects.toThrow(
      `job ${real.id} of tenant ${tenant} belongs to scan ${scan.scanId}`,
    );
    expect(await readJob(context.owner, real.id)).toMatchObject({
      status: 'pending',
      acknowledged_at: null,
    });
  });

  it("should refuse an event naming another tenant's job under this tenant", async () => {
    const other = await createTenant(context.service);
    const theirs = await seedScan(context.service, other, [
      { scope: 'account', accountId: ACCOUNT_A },
    ]);
    const job = theirs.job(ACCOUNT_A);
    const forged = eventsFor({ ...theirs, tenantId: tenant }, job);
    for (const event of [forged.started(T(1)), forged.failed(T(2), 'FORGED')]) {
      await expect(consumer.onJobEvent(event)).rejects.toThrow(
        `job ${job.id} (scan ${theirs.scanId}, ${event.type} event) does not exist for tenant ${tenant}`,
      );
    }
    expect(await readJob(context.owner, job.id)).toMatchObject({
      status: 'pending',
      acknowledged_at: null,
    });
    expect((await readScan(context.owner, theirs.scanId)).status).toBe('queued');
  });
});
