// ScheduleFiringService on the real Postgres, connected as the service role (RLS applies): what
// a firing writes (a queued scan and its scan.requested in the outbox, in the claim's
// transaction), once per due time across replicas, and what never fires.
import { Logger } from '@nestjs/common';
import { decodeMessage, type ScanRequested, Topics } from '@palisade/contracts';
import {
  createDataSource,
  createTestDatabase,
  DiscoveryTransactions,
  listDueSchedules,
  type NewSchedule,
  nextRunAfter,
  parseTenantId,
  PeriodicTaskScheduler,
  ScanEntity,
  ScheduleEntity,
  type SourceDefinitionInput,
  type TenantId,
  TenantEntity,
  type TestDatabase,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { ScheduleFiringService } from './schedule-firing.service';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;
/** A fixed "now" in winter (Paris is UTC+1), 2½ minutes past a `*\/5` boundary. */
const NOW = at('2026-01-15T10:02:30.000Z');
const EVERY_5_MINUTES = '*/5 * * * *';

const ORGANIZATION_SOURCE: SourceDefinitionInput = {
  name: 'Organization',
  kind: 'organization',
  config: {
    managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeManagement',
    memberRoleName: 'PalisadeScan',
  },
};

interface OutboxRow {
  tenant_id: string | null;
  topic: string;
  key: string;
  value: unknown;
}

describe('ScheduleFiringService (real Postgres, as the service role)', () => {
  let db: TestDatabase;
  let service: DataSource; // replica 1
  let replica: DataSource; // replica 2: its own pool, as another process would have
  let owner: DataSource; // assertions and clean-up only (sees every tenant)
  let firing: ScheduleFiringService;
  let A: TenantId;
  let B: TenantId;
  let sourceA: string;
  let sourceB: string;

  const serviceOn = (dataSource: DataSource, schedulerIntervalMs = 0) =>
    new ScheduleFiringService(
      dataSource,
      new DiscoveryTransactions(dataSource),
      new PeriodicTaskScheduler(dataSource),
      { schedulerIntervalMs, preflightConcurrency: 1 },
    );

  async function createTenant(slug = `t-${randomUUID().slice(0, 8)}`): Promise<TenantId> {
    const id = parseTenantId(randomUUID());
    await withTenant(service, id, (manager) =>
      manager.insert(TenantEntity, { id, slug, name: slug }),
    );
    return id;
  }

  async function createSource(tenantId: TenantId): Promise<string> {
    const source = await withDiscoveryRepositories(service, tenantId, (r) =>
      r.sources.create(tenantId, {
        ...ORGANIZATION_SOURCE,
        name: `org-${randomUUID().slice(0, 8)}`,
      }),
    );
    return source.id;
  }

  function createSchedule(
    tenantId: TenantId,
    input: Partial<NewSchedule> & { sourceId: string; nextRunAt: Date },
  ): Promise<ScheduleEntity> {
    return withDiscoveryRepositories(service, tenantId, (r) =>
      r.schedules.create(tenantId, {
        name: `every-5-${randomUUID().slice(0, 8)}`,
        cron: EVERY_5_MINUTES,
        timeZone: 'UTC',
        ...input,
      }),
    );
  }

  const reload = (id: string) => owner.manager.findOneByOrFail(ScheduleEntity, { id });
  const scansOf = (scheduleId: string) =>
    owner.manager
      .createQueryBuilder(ScanEntity, 's')
      .where(`s."trigger"->>'scheduleId' = :scheduleId`, { scheduleId })
      .orderBy('s.requested_at')
      .getMany();
  const allScans = () => owner.manager.find(ScanEntity, { order: { requestedAt: 'ASC' } });
  const outboxRows = () =>
    owner.query<OutboxRow[]>('SELECT tenant_id, topic, key, value FROM public.outbox ORDER BY id');

  /** The outbox values as scan.requested messages (each must decode). */
  async function requestedMessages(): Promise<ScanRequested[]> {
    return (await outboxRows()).map((row) => {
      expect(row.topic).toBe('palisade.scan.requested.v1');
      const decoded = decodeMessage(Topics.scanRequested, JSON.stringify(row.value));
      if (!decoded.ok) throw new Error(decoded.reason);
      expect(row.tenant_id).toBe(decoded.value.tenantId);
      expect(row.key).toBe(Topics.scanRequested.key(decoded.value));
      return decoded.value;
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 4,
    }).initialize();
    replica = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      applicationName: 'palisade-service-replica',
      poolSize: 4,
    }).initialize();
    owner = await createDataSource({ url: db.ownerUrl, role: 'owner', poolSize: 2 }).initialize();
    firing = serviceOn(service);
    A = await createTenant('tenant-a');
    B = await createTenant('tenant-b');
    sourceA = await createSource(A);
    sourceB = await createSource(B);
  });

  beforeEach(() => {
    // Keep the expected "schedule fired" / "firing failed" lines out of the test output.
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    // Every test starts with no schedule due (fireDue looks at every tenant).
    // The normaliser's per-job tables reference scan_jobs: they go too.
    await owner.query(
      'TRUNCATE public.scan_job_scopes, public.scan_job_batches, public.scan_jobs, public.scans, public.schedules, public.outbox',
    );
  });

  afterAll(async () => {
    await replica?.destroy();
    await service?.destroy();
    await owner?.destroy();
    await db?.drop();
  });

  it('should fire a due schedule once: a queued scan, its scan.requested in the outbox, next_run_at moved past now', async () => {
    const dueAt = at('2026-01-15T10:00:00.000Z');
    const schedule = await createSchedule(A, {
      sourceId: sourceA,
      nextRunAt: dueAt,
      scope: { accountIds: ['222222222222'] },
      regions: ['eu-west-1', 'us-east-1'],
      frameworks: ['cis-aws-foundations-3.0'],
      checks: ['iam_root_access_key'],
    });

    const fired = await firing.fireDue(NOW);

    const trigger = { kind: 'schedule', scheduleId: schedule.id, dueAt: dueAt.toISOString() };
    const idempotencyKey = `schedule:${schedule.id}:${dueAt.toISOString()}`;
    expect(fired).toHaveLength(1);
    const [request] = fired;
    const scans = await allScans();
    expect(scans).toHaveLength(1);
    expect(request).toEqual({
      schemaVersion: 1,
      scanId: scans[0]?.id,
      tenantId: A,
      sourceId: sourceA,
      trigger,
      scope: { accountIds: ['222222222222'] },
      regions: ['eu-west-1', 'us-east-1'],
      frameworks: ['cis-aws-foundations-3.0'],
      checks: ['iam_root_access_key'],
      idempotencyKey,
      requestedAt: NOW.toISOString(),
    });

    expect(scans[0]).toMatchObject({
      tenantId: A,
      sourceId: sourceA,
      status: 'queued',
      trigger,
      request: {
        scope: { accountIds: ['222222222222'] },
        regions: ['eu-west-1', 'us-east-1'],
        frameworks: ['cis-aws-foundations-3.0'],
        checks: ['iam_root_access_key'],
      },
      idempotencyKey,
      requestedAt: NOW,
    });

    // The service role reads back its own tenant's outbox row only; the owner sees it too.
    expect(await requestedMessages()).toEqual([request]);
    const ownRows = await withTenant(service, A, (manager) =>
      manager.query<OutboxRow[]>('SELECT topic FROM public.outbox'),
    );
    expect(ownRows).toHaveLength(1);
    const otherTenantRows = await withTenant(service, B, (manager) =>
      manager.query<OutboxRow[]>('SELECT topic FROM public.outbox'),
    );
    expect(otherTenantRows).toHaveLength(0);

    const after = await reload(schedule.id);
    expect(after.nextRunAt).toEqual(at('2026-01-15T10:05:00.000Z'));
    expect(after.nextRunAt).toEqual(nextRunAfter(EVERY_5_MINUTES, 'UTC', NOW));
    expect(after.lastFiredAt).toEqual(NOW);

    // Not due any more: firing again at the same instant does nothing.
    expect(await firing.fireDue(NOW)).toEqual([]);
    expect(await allScans()).toHaveLength(1);
    expect(await outboxRows()).toHaveLength(1);
  });

  it('should fire each due time exactly once when two replicas fire concurrently', async () => {
    const dueAt = at('2026-01-15T10:00:00.000Z');
    const schedules = [
      ...(await Promise.all(
        [0, 1, 2].map(() => createSchedule(A, { sourceId: sourceA, nextRunAt: dueAt })),
      )),
      ...(await Promise.all(
        [0, 1].map(() => createSchedule(B, { sourceId: sourceB, nextRunAt: dueAt })),
      )),
    ];
    const ids = schedules.map((s) => s.id).sort();
    const replicas = [firing, serviceOn(replica)];

    // Three rounds, five minutes apart: every round both replicas see all five schedules due.
    const rounds = [
      NOW,
      new Date(NOW.getTime() + minutes(5)),
      new Date(NOW.getTime() + minutes(10)),
    ];
    for (const now of rounds) {
      const results = await Promise.all(replicas.map((r) => r.fireDue(now)));
      const fired = results.flat();
      expect(
        fired.map((m) => m.trigger.kind === 'schedule' && m.trigger.scheduleId).sort(),
      ).toEqual(ids);
    }

    const scans = await allScans();
    expect(scans).toHaveLength(schedules.length * rounds.length);
    const firings = scans.map((s) =>
      s.trigger.kind === 'schedule'
        ? `${s.trigger.scheduleId}@${s.trigger.dueAt}`
        : 'not a schedule',
    );
    expect(new Set(firings).size).toBe(scans.length);
    const expectedFirings = schedules.flatMap((s) =>
      ['10:00', '10:05', '10:10'].map((hhmm) => `${s.id}@2026-01-15T${hhmm}:00.000Z`),
    );
    expect(firings.sort()).toEqual(expectedFirings.sort());

    const messages = await requestedMessages();
    expect(messages).toHaveLength(scans.length);
    expect(messages.map((m) => m.scanId).sort()).toEqual(scans.map((s) => s.id).sort());
    expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(messages.length);
    expect(messages.filter((m) => m.tenantId === A)).toHaveLength(3 * rounds.length);
    expect(messages.filter((m) => m.tenantId === B)).toHaveLength(2 * rounds.length);

    for (const s of schedules) {
      expect((await reload(s.id)).nextRunAt).toEqual(at('2026-01-15T10:15:00.000Z'));
    }
  });

  it('should fire a schedule that missed several runs once, its next run being the first after now', async () => {
    const missedSince = at('2026-01-15T09:00:00.000Z'); // 12 runs of */5 missed since
    const schedule = await createSchedule(A, { sourceId: sourceA, nextRunAt: missedSince });

    const fired = await firing.fireDue(NOW);

    expect(fired).toHaveLength(1);
    expect(fired[0]?.trigger).toEqual({
      kind: 'schedule',
      scheduleId: schedule.id,
      dueAt: missedSince.toISOString(),
    });
    expect((await reload(schedule.id)).nextRunAt).toEqual(at('2026-01-15T10:05:00.000Z'));
    expect(await firing.fireDue(NOW)).toEqual([]);
    expect(await scansOf(schedule.id)).toHaveLength(1);
    expect(await outboxRows()).toHaveLength(1);

    // …and it fires again at its next run.
    const next = await firing.fireDue(at('2026-01-15T10:05:00.000Z'));
    expect(next.map((m) => m.trigger)).toEqual([
      { kind: 'schedule', scheduleId: schedule.id, dueAt: '2026-01-15T10:05:00.000Z' },
    ]);
  });

  it('should not fire a schedule not yet due, a disabled one, one of a soft-deleted source or of an offboarding tenant', async () => {
    const past = at('2026-01-15T10:00:00.000Z');
    const notYetDue = await createSchedule(A, {
      sourceId: sourceA,
      nextRunAt: new Date(NOW.getTime() + 1),
    });
    const disabled = await createSchedule(A, {
      sourceId: sourceA,
      nextRunAt: past,
      enabled: false,
    });
    const deletedSource = await createSource(A);
    const ofDeletedSource = await createSchedule(A, {
      sourceId: deletedSource,
      nextRunAt: past,
    });
    await withDiscoveryRepositories(service, A, (r) => r.sources.softDelete(A, deletedSource));
    const leaving = await createTenant();
    const ofLeavingTenant = await createSchedule(leaving, {
      sourceId: await createSource(leaving),
      nextRunAt: past,
    });
    await owner.manager.update(TenantEntity, { id: leaving }, { status: 'offboarding' });
    const control = await createSchedule(B, { sourceId: sourceB, nextRunAt: past });

    const fired = await firing.fireDue(NOW);

    expect(fired.map((m) => m.trigger)).toEqual([
      { kind: 'schedule', scheduleId: control.id, dueAt: past.toISOString() },
    ]);
    expect(await allScans()).toHaveLength(1);
    expect(await outboxRows()).toHaveLength(1);
    for (const untouched of [notYetDue, disabled, ofDeletedSource, ofLeavingTenant]) {
      const after = await reload(untouched.id);
      expect(after.nextRunAt).toEqual(untouched.nextRunAt);
      expect(after.lastFiredAt).toBeNull();
      expect(await scansOf(untouched.id)).toEqual([]);
    }
  });

  it.each([
    {
      season: 'winter (CET, UTC+1)',
      dueAt: '2026-01-15T02:00:00.000Z',
      now: '2026-01-15T10:02:30.000Z',
      next: '2026-01-16T02:00:00.000Z',
    },
    {
      season: 'summer (CEST, UTC+2)',
      dueAt: '2026-07-15T01:00:00.000Z',
      now: '2026-07-15T10:02:30.000Z',
      next: '2026-07-16T01:00:00.000Z',
    },
    {
      // Sunday 29 March 2026 at 02:00 Paris time the clocks go to 03:00 (UTC+2 from then on).
      season: 'across the spring change',
      dueAt: '2026-03-28T02:00:00.000Z',
      now: '2026-03-28T10:00:00.000Z',
      next: '2026-03-29T01:00:00.000Z',
    },
  ])(
    'should compute the next run of "0 3 * * *" in Europe/Paris in that zone: $season',
    async ({ dueAt, now, next }) => {
      const schedule = await createSchedule(A, {
        sourceId: sourceA,
        cron: '0 3 * * *',
        timeZone: 'Europe/Paris',
        nextRunAt: at(dueAt),
      });

      const fired = await firing.fireDue(at(now));

      expect(fired.map((m) => m.trigger)).toEqual([
        { kind: 'schedule', scheduleId: schedule.id, dueAt },
      ]);
      expect((await reload(schedule.id)).nextRunAt).toEqual(at(next));
    },
  );

  it('should log a schedule with a corrupt cron or time zone, leave it due, and still fire the others', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const earlier = at('2026-01-15T09:00:00.000Z'); // listed (and tried) before the good one
    // The repository leaves the cron to its caller, so a bad one can be stored through it.
    const badCron = await createSchedule(A, {
      sourceId: sourceA,
      cron: 'not a cron',
      nextRunAt: earlier,
    });
    // It does check the time zone: an unknown one can only have been written past it.
    const badZone = await createSchedule(B, { sourceId: sourceB, nextRunAt: earlier });
    await owner.query(`UPDATE public.schedules SET time_zone = 'Mars/Olympus_Mons' WHERE id = $1`, [
      badZone.id,
    ]);
    const good = await createSchedule(A, {
      sourceId: sourceA,
      nextRunAt: at('2026-01-15T10:00:00.000Z'),
    });

    const fired = await firing.fireDue(NOW);

    expect(fired.map((m) => m.trigger.kind === 'schedule' && m.trigger.scheduleId)).toEqual([
      good.id,
    ]);
    expect(await allScans()).toHaveLength(1);
    expect(await outboxRows()).toHaveLength(1);
    for (const bad of [badCron, badZone]) {
      const after = await reload(bad.id);
      expect(after.nextRunAt).toEqual(earlier);
      expect(after.lastFiredAt).toBeNull();
      expect(errors).toHaveBeenCalledWith(
        expect.objectContaining({ tenantId: bad.tenantId, scheduleId: bad.id }),
        'schedule firing failed; it stays due',
      );
    }
    expect(errors).toHaveBeenCalledTimes(2);

    // Still due: the next pass lists and tries them again, and fires nothing else.
    const due = await listDueSchedules(service.manager, NOW, 10);
    expect(due.map((d) => d.scheduleId).sort()).toEqual([badCron.id, badZone.id].sort());
    expect(await firing.fireDue(NOW)).toEqual([]);
    expect(errors).toHaveBeenCalledTimes(4);
  });

  it('should fire due schedules on its own when the scheduler interval is set', async () => {
    // Wall-clock time here: the periodic task calls fireDue(new Date()).
    const dueAt = new Date(Date.now() - minutes(1));
    const schedule = await createSchedule(A, { sourceId: sourceA, nextRunAt: dueAt });
    const scheduler = new PeriodicTaskScheduler(service);
    const periodic = new ScheduleFiringService(
      service,
      new DiscoveryTransactions(service),
      scheduler,
      {
        schedulerIntervalMs: 50,
        preflightConcurrency: 1,
      },
    );

    periodic.onModuleInit();
    try {
      for (let attempt = 0; attempt < 200; attempt++) {
        if ((await scansOf(schedule.id)).length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    } finally {
      await scheduler.onModuleDestroy();
    }

    const scans = await scansOf(schedule.id);
    expect(scans).toHaveLength(1);
    expect(scans[0]?.trigger).toEqual({
      kind: 'schedule',
      scheduleId: schedule.id,
      dueAt: dueAt.toISOString(),
    });
    const after = await reload(schedule.id);
    expect(after.lastFiredAt).not.toBeNull();
    expect(after.nextRunAt.getTime()).toBeGreaterThan(after.lastFiredAt?.getTime() ?? Infinity);
    expect(after.nextRunAt).toEqual(
      nextRunAfter(EVERY_5_MINUTES, 'UTC', after.lastFiredAt ?? new Date()),
    );
  });
});
