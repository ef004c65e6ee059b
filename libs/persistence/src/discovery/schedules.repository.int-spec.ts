import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { type TenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import { withDiscoveryRepositories } from './discovery-repositories';
import { listDueSchedules } from './due-schedules';
import { type NewSchedule } from './schedules.repository';
import {
  createSource,
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
  waitForLockWaiters,
} from './test/discovery-fixtures';

const at = (iso: string) => new Date(iso);
const DUE = at('2026-03-01T02:00:00.000Z');
const NEXT = at('2026-03-02T02:00:00.000Z');
const NOW = at('2026-03-01T02:00:05.123Z');

describe('schedules, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let replica: DataSource; // a second discovery replica
  let A: TenantId;
  let B: TenantId;
  let sourceA: string;
  let sourceB: string;

  const schedule = (tenant: TenantId, input: Partial<NewSchedule> & { sourceId: string }) =>
    context.run(tenant, (r) =>
      r.schedules.create(tenant, {
        name: 'nightly',
        cron: '0 2 * * *',
        timeZone: 'Europe/Paris',
        nextRunAt: DUE,
        ...input,
      }),
    );
  const claim = (ds: DataSource, tenant: TenantId, id: string) =>
    withDiscoveryRepositories(ds, tenant, (r) =>
      r.schedules.claimFiring(tenant, id, DUE, NEXT, NOW),
    );

  beforeAll(async () => {
    context = await openDiscoveryTestContext(8);
    replica = await createDataSource({
      url: context.db.serviceUrl,
      role: 'service',
      poolSize: 8,
    }).initialize();
    A = await createTenant(context.service, 'tenant-a');
    B = await createTenant(context.service, 'tenant-b');
    sourceA = (await createSource(context, A)).id;
    sourceB = (await createSource(context, B)).id;
  });

  afterAll(async () => {
    await replica?.destroy();
    await context?.close();
  });

  it('should store a schedule with its scope and filters, next_run_at to the millisecond', async () => {
    const created = await schedule(A, {
      sourceId: sourceA,
      scope: { ouIds: ['ou-ab12-prod0001'] },
      regions: ['eu-west-1', 'eu-central-1'],
      checks: ['iam_root_access_key'],
      nextRunAt: at('2026-03-01T02:00:00.789Z'),
    });
    expect(created).toMatchObject({
      tenantId: A,
      sourceId: sourceA,
      timeZone: 'Europe/Paris',
      scope: { ouIds: ['ou-ab12-prod0001'] },
      regions: ['eu-west-1', 'eu-central-1'],
      frameworks: null,
      checks: ['iam_root_access_key'],
      enabled: true,
      lastFiredAt: null,
    });
    expect(created.nextRunAt.toISOString()).toBe('2026-03-01T02:00:00.789Z');
    const updated = await context.run(A, (r) =>
      r.schedules.update(A, created.id, { enabled: false, regions: null }),
    );
    expect(updated).toMatchObject({
      enabled: false,
      regions: null,
      checks: ['iam_root_access_key'],
    });
    expect(await context.run(A, (r) => r.schedules.delete(A, created.id))).toBe(true);
    expect(await context.run(A, (r) => r.schedules.get(A, created.id))).toBeNull();
  });

  it('should let exactly one of two replicas claim a due time, the other waiting on the row then losing', async () => {
    const { id } = await schedule(A, { sourceId: sourceA });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withDiscoveryRepositories(context.service, A, async (r) => {
      const won = await r.schedules.claimFiring(A, id, DUE, NEXT, NOW);
      await held; // the winner has not committed yet
      return won;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = claim(replica, A, id);
    try {
      await waitForLockWaiters(context, 1);
    } finally {
      release();
    }
    expect(await Promise.all([first, second])).toEqual([true, false]);
    const after = await context.run(A, (r) => r.schedules.get(A, id));
    expect(after?.nextRunAt).toEqual(NEXT);
    expect(after?.lastFiredAt).toEqual(NOW);
  });

  it('should let exactly one of many concurrent claimers win', async () => {
    const { id } = await schedule(A, { sourceId: sourceA });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claim(i % 2 === 0 ? context.service : replica, A, id)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('should let another replica claim the due time when the first claimer rolled back', async () => {
    const { id } = await schedule(A, { sourceId: sourceA });
    const crash = new Error('replica died before publishing');
    await expect(
      withDiscoveryRepositories(context.service, A, async (r) => {
        expect(await r.schedules.claimFiring(A, id, DUE, NEXT, NOW)).toBe(true);
        throw crash;
      }),
    ).rejects.toBe(crash);
    expect(await claim(replica, A, id)).toBe(true);
    expect(await claim(replica, A, id)).toBe(false);
  });

  it('should not claim a disabled schedule, nor one of another tenant', async () => {
    const disabled = await schedule(A, { sourceId: sourceA, enabled: false });
    expect(await claim(context.service, A, disabled.id)).toBe(false);
    const ofB = await schedule(B, { sourceId: sourceB });
    expect(await claim(context.service, A, ofB.id)).toBe(false);
    expect(await claim(context.service, B, ofB.id)).toBe(true);
  });

  describe('palisade_due_schedules', () => {
    beforeAll(async () => {
      // Start from a clean slate: drop what the claim tests left.
      await context.owner.query('DELETE FROM public.schedules');
    });

    it('should list due, enabled schedules of every tenant, earliest first, whatever tenant is set', async () => {
      const a1 = await schedule(A, { sourceId: sourceA, nextRunAt: at('2026-03-01T01:00:00Z') });
      const b1 = await schedule(B, { sourceId: sourceB, nextRunAt: at('2026-03-01T01:30:00Z') });
      const a2 = await schedule(A, {
        sourceId: sourceA,
        nextRunAt: at('2026-03-01T02:00:05.123Z'),
      });
      await schedule(A, { sourceId: sourceA, nextRunAt: at('2026-03-01T02:00:05.124Z') }); // future
      await schedule(B, {
        sourceId: sourceB,
        nextRunAt: at('2026-02-01T00:00:00Z'),
        enabled: false,
      });

      const expected = [
        { tenantId: A, scheduleId: a1.id, nextRunAt: a1.nextRunAt },
        { tenantId: B, scheduleId: b1.id, nextRunAt: b1.nextRunAt },
        { tenantId: A, scheduleId: a2.id, nextRunAt: a2.nextRunAt },
      ];
      expect(await listDueSchedules(context.service.manager, NOW, 100)).toEqual(expected);
      expect(await withTenant(context.service, B, (m) => listDueSchedules(m, NOW, 100))).toEqual(
        expected,
      );
      expect(await listDueSchedules(context.service.manager, NOW, 2)).toEqual(expected.slice(0, 2));

      // Once claimed, a schedule is no longer due.
      expect(
        await withDiscoveryRepositories(context.service, B, (r) =>
          r.schedules.claimFiring(B, b1.id, b1.nextRunAt, NEXT, NOW),
        ),
      ).toBe(true);
      expect(
        (await listDueSchedules(context.service.manager, NOW, 100)).map((d) => d.scheduleId),
      ).toEqual([a1.id, a2.id]);
    });

    it('should leave out schedules of deleted sources and of tenants being offboarded', async () => {
      const C = await createTenant(context.service, 'tenant-c');
      const sourceC = (await createSource(context, C)).id;
      const c1 = await schedule(C, { sourceId: sourceC, nextRunAt: at('2026-01-01T00:00:00Z') });
      const due = async () =>
        (await listDueSchedules(context.service.manager, NOW, 100)).map((d) => d.scheduleId);
      expect(await due()).toContain(c1.id);
      await context.run(C, (r) => r.sources.softDelete(C, sourceC));
      expect(await due()).not.toContain(c1.id);

      const sourceC2 = (
        await createSource(context, C, {
          ...{
            name: 'Second',
            kind: 'organization',
            config: { managementRoleArn: 'arn:aws:iam::111111111111:role/M', memberRoleName: 'R' },
          },
        })
      ).id;
      const c2 = await schedule(C, { sourceId: sourceC2, nextRunAt: at('2026-01-01T00:00:00Z') });
      expect(await due()).toContain(c2.id);
      await withTenant(context.service, C, (m) =>
        m.query(`UPDATE public.tenants SET status = 'offboarding' WHERE id = $1`, [C]),
      );
      expect(await due()).not.toContain(c2.id);
    });

    it('should be executable by the app role only through its grant, and refuse a bad limit', async () => {
      const [grant] = await context.owner.query<
        { app: boolean; public: boolean; definer: boolean }[]
      >(
        `SELECT has_function_privilege('palisade_app', p.oid, 'EXECUTE') AS app,
                EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public,
                p.prosecdef AS definer
           FROM pg_proc p WHERE p.proname = 'palisade_due_schedules'`,
      );
      expect(grant).toEqual({ app: true, public: false, definer: true });
      await expect(listDueSchedules(context.service.manager, NOW, 0)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });
});
