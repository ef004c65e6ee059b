// /v1/schedules on the real Postgres: cron + time-zone validation, next run times, scope checks.
import { randomUUID } from 'node:crypto';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
}

interface Schedule {
  id: string;
  sourceId: string;
  name: string;
  cron: string;
  timeZone: string;
  scope: { accountIds?: string[]; ouIds?: string[] };
  regions: string[] | null;
  frameworks: string[] | null;
  checks: string[] | null;
  enabled: boolean;
  nextRunAt: string;
  lastFiredAt: string | null;
  nextRuns: string[];
}

interface SchedulePage {
  items: Schedule[];
  nextCursor: string | null;
}

/** The wall-clock hour and minute of an instant in a zone, `03:00`. */
function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

describe('/v1/schedules', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let orgSourceId: string;
  let listSourceId: string;

  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  const post = (body: object, key = tenant.key) =>
    api.request().post('/v1/schedules').set(auth(key)).send(body);
  const patch = (id: string, body: object, key = tenant.key) =>
    api.request().patch(`/v1/schedules/${id}`).set(auth(key)).send(body);

  async function createSource(key: string, body: object): Promise<string> {
    const response = await api.request().post('/v1/sources').set(auth(key)).send(body);
    expect(response.status).toBe(201);
    return (response.body as { id: string }).id;
  }

  async function created(body: object): Promise<Schedule> {
    const response = await post(body);
    expect(response.status).toBe(201);
    return response.body as Schedule;
  }

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant('schedules');
    other = await api.createTenant('schedules-other');
    orgSourceId = await createSource(tenant.key, {
      name: 'org',
      kind: 'organization',
      config: {
        managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeDiscoveryRole',
        memberRoleName: 'PalisadeScanRole',
      },
    });
    listSourceId = await createSource(tenant.key, {
      name: 'list',
      kind: 'accounts',
      config: {
        memberRoleName: 'AuditRole',
        accounts: [{ accountId: '222222222222' }, { accountId: '333333333333' }],
      },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('POST /v1/schedules', () => {
    it('should create a schedule with its next 5 runs at the cron’s wall-clock time in its zone', async () => {
      const before = Date.now();
      const schedule = await created({
        sourceId: orgSourceId,
        name: 'Nightly',
        cron: '0 3 * * *',
        timeZone: 'Europe/Paris',
        scope: { ouIds: ['ou-ab12-cdef3456'] },
        regions: ['eu-west-1'],
        frameworks: ['cis-aws-foundations-v7.0.0'],
      });
      expect(schedule).toMatchObject({
        sourceId: orgSourceId,
        name: 'Nightly',
        cron: '0 3 * * *',
        timeZone: 'Europe/Paris',
        scope: { ouIds: ['ou-ab12-cdef3456'] },
        regions: ['eu-west-1'],
        frameworks: ['cis-aws-foundations-v7.0.0'],
        checks: null,
        enabled: true,
        lastFiredAt: null,
      });
      expect(schedule.nextRuns).toHaveLength(5);
      expect(schedule.nextRuns[0]).toBe(schedule.nextRunAt);
      const times = schedule.nextRuns.map((at) => Date.parse(at));
      expect(times[0]).toBeGreaterThan(before);
      expect(times[0]).toBeLessThanOrEqual(before + 25 * 3_600_000);
      for (let i = 1; i < times.length; i += 1) {
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(23 * 3_600_000);
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeLessThanOrEqual(25 * 3_600_000);
      }
      for (const at of schedule.nextRuns) expect(localTime(at, 'Europe/Paris')).toBe('03:00');

      const [row] = await api.sql<{ next_run_at: Date; tenant_id: string }>(
        `SELECT next_run_at, tenant_id FROM public.schedules WHERE id = $1`,
        [schedule.id],
      );
      expect(row?.next_run_at.toISOString()).toBe(schedule.nextRunAt);
      expect(row?.tenant_id).toBe(tenant.tenantId);
    });

    it('should default the zone to UTC and the scope to the whole source', async () => {
      const schedule = await created({
        sourceId: listSourceId,
        name: 'hourly',
        cron: '15 * * * *',
      });
      expect(schedule).toMatchObject({ timeZone: 'UTC', scope: {}, regions: null, enabled: true });
      expect(schedule.nextRuns.map((at) => new Date(at).getUTCMinutes())).toEqual([
        15, 15, 15, 15, 15,
      ]);
    });

    it.each([
      [{ cron: '0 25 * * *' }, 'body.cron'],
      [{ cron: 'every night' }, 'body.cron'],
      [{ timeZone: 'Europe/Atlantis' }, 'body.timeZone'],
      [{ regions: ['eu-west-1', 'moon-1'] }, 'body.regions.1'],
      [{ checks: ['no_such_check'] }, 'body.checks.0'],
      [{ frameworks: ['nist-800-53'] }, 'body.frameworks.0'],
      [{ scope: { accountIds: ['12'] } }, 'body.scope.accountIds.0'],
      [{ scope: { ouIds: ['ou-x'] } }, 'body.scope.ouIds.0'],
      [{ externalId: 'x' }, 'body'],
      [{ name: 'nightly\u0000' }, 'body.name'],
      [{ cron: '0 3 * * *\u0000' }, 'body.cron'],
    ])('should refuse %j with 422 naming %s', async (change, field) => {
      const response = await post({
        sourceId: orgSourceId,
        name: `bad-${randomUUID().slice(0, 8)}`,
        cron: '0 3 * * *',
        ...change,
      });
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors?.map((e) => e.field)).toEqual([field]);
    });

    it('should refuse a source the tenant does not have (another tenant’s, deleted, unknown) with 422', async () => {
      const foreign = await createSource(other.key, {
        name: 'foreign',
        kind: 'accounts',
        config: { memberRoleName: 'R', accounts: [{ accountId: '222222222222' }] },
      });
      const deleted = await createSource(tenant.key, {
        name: `deleted-${randomUUID().slice(0, 8)}`,
        kind: 'accounts',
        config: { memberRoleName: 'R', accounts: [{ accountId: '222222222222' }] },
      });
      await api.request().delete(`/v1/sources/${deleted}`).set(auth(tenant.key)).expect(204);
      for (const sourceId of [foreign, deleted, randomUUID()]) {
        const response = await post({ sourceId, name: 'n', cron: '0 3 * * *' });
        expect(response.status).toBe(422);
        expect((response.body as Problem).errors).toEqual([
          { field: 'body.sourceId', detail: `no source with id ${sourceId}` },
        ]);
      }
    });

    it('should refuse a scope that does not fit an accounts source', async () => {
      const ous = await post({
        sourceId: listSourceId,
        name: 'n',
        cron: '0 3 * * *',
        scope: { ouIds: ['ou-ab12-cdef3456'] },
      });
      expect(ous.status).toBe(422);
      expect((ous.body as Problem).errors?.[0]?.field).toBe('body.scope.ouIds');
      const unlisted = await post({
        sourceId: listSourceId,
        name: 'n',
        cron: '0 3 * * *',
        scope: { accountIds: ['222222222222', '999999999999'] },
      });
      expect(unlisted.status).toBe(422);
      expect((unlisted.body as Problem).errors?.[0]?.field).toBe('body.scope.accountIds.1');
    });

    it('should refuse keys without the admin scope', async () => {
      for (const scopes of [['findings:read'], ['scans:write']] as const) {
        const key = await api.createKey(tenant.tenantId, scopes);
        const response = await post({ sourceId: orgSourceId, name: 'n', cron: '0 3 * * *' }, key);
        expect(response.status).toBe(403);
      }
    });
  });

  describe('GET /v1/schedules and /v1/schedules/{id}', () => {
    it('should page by name, filter by source, and show another tenant none of them', async () => {
      const fresh = await api.createTenant('schedules-paging');
      const source = await createSource(fresh.key, {
        name: 's',
        kind: 'accounts',
        config: { memberRoleName: 'R', accounts: [{ accountId: '222222222222' }] },
      });
      for (const name of ['c', 'a', 'b']) {
        await post({ sourceId: source, name, cron: '0 3 * * *' }, fresh.key).expect(201);
      }
      const first = await api.request().get('/v1/schedules?limit=2').set(auth(fresh.key));
      expect(first.status).toBe(200);
      const page1 = first.body as SchedulePage;
      expect(page1.items.map((s) => s.name)).toEqual(['a', 'b']);
      expect(page1.items[0]?.nextRuns).toHaveLength(5);
      const second = await api
        .request()
        .get(`/v1/schedules?limit=2&cursor=${page1.nextCursor ?? ''}`)
        .set(auth(fresh.key));
      expect((second.body as SchedulePage).items.map((s) => s.name)).toEqual(['c']);
      expect((second.body as SchedulePage).nextCursor).toBeNull();

      const bySource = await api
        .request()
        .get(`/v1/schedules?sourceId=${listSourceId}`)
        .set(auth(tenant.key));
      expect((bySource.body as SchedulePage).items.every((s) => s.sourceId === listSourceId)).toBe(
        true,
      );
      const foreign = await api
        .request()
        .get(`/v1/schedules?sourceId=${source}`)
        .set(auth(tenant.key));
      expect((foreign.body as SchedulePage).items).toEqual([]);

      const reader = await api.createKey(fresh.tenantId, ['findings:read']);
      expect((await api.request().get('/v1/schedules').set(auth(reader))).status).toBe(200);
      const bad = await api.request().get('/v1/schedules?cursor=zzz').set(auth(fresh.key));
      expect(bad.status).toBe(400);
    });

    it('should answer 404 alike for another tenant’s schedule and an unknown one, 400 for a bad id', async () => {
      const foreignSource = await createSource(other.key, {
        name: `f-${randomUUID().slice(0, 8)}`,
        kind: 'accounts',
        config: { memberRoleName: 'R', accounts: [{ accountId: '222222222222' }] },
      });
      const foreign = (
        await post({ sourceId: foreignSource, name: 'theirs', cron: '0 3 * * *' }, other.key)
      ).body as Schedule;
      const response = await api.request().get(`/v1/schedules/${foreign.id}`).set(auth(tenant.key));
      expect(response.status).toBe(404);
      expect((response.body as Problem).detail).toBe(`no schedule with id ${foreign.id}`);
      const unknown = randomUUID();
      const missing = await api.request().get(`/v1/schedules/${unknown}`).set(auth(tenant.key));
      expect(missing.status).toBe(404);
      expect((missing.body as Problem).detail).toBe(`no schedule with id ${unknown}`);
      expect((await patch(foreign.id, { name: 'mine' })).status).toBe(404);
      expect(
        (await api.request().delete(`/v1/schedules/${foreign.id}`).set(auth(tenant.key))).status,
      ).toBe(404);
      const bad = await api.request().get('/v1/schedules/123').set(auth(tenant.key));
      expect(bad.status).toBe(400);
      expect((bad.body as Problem).errors?.[0]?.field).toBe('param.id');
    });
  });

  describe('PATCH /v1/schedules/{id}', () => {
    it('should recompute the next runs when the cron or zone changes, and keep them otherwise', async () => {
      const schedule = await created({ sourceId: orgSourceId, name: 'p', cron: '0 3 * * *' });
      const renamed = (await patch(schedule.id, { name: 'renamed', regions: ['us-east-1'] }))
        .body as Schedule;
      expect(renamed).toMatchObject({ name: 'renamed', regions: ['us-east-1'] });
      expect(renamed.nextRunAt).toBe(schedule.nextRunAt);

      const moved = await patch(schedule.id, {
        cron: '30 22 * * 1-5',
        timeZone: 'America/New_York',
      });
      expect(moved.status).toBe(200);
      const body = moved.body as Schedule;
      for (const at of body.nextRuns) {
        expect(localTime(at, 'America/New_York')).toBe('22:30');
        const weekday = new Intl.DateTimeFormat('en-US', {
          timeZone: 'America/New_York',
          weekday: 'short',
        }).format(new Date(at));
        expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(weekday);
      }
      expect((await patch(schedule.id, { regions: null })).body).toMatchObject({ regions: null });
    });

    it('should show no next runs while disabled, and compute them from now when re-enabled', async () => {
      const schedule = await created({
        sourceId: orgSourceId,
        name: 'toggle',
        cron: '*/5 * * * *',
      });
      const disabled = (await patch(schedule.id, { enabled: false })).body as Schedule;
      expect(disabled).toMatchObject({ enabled: false, nextRuns: [] });
      await api.sql(
        `UPDATE public.schedules SET next_run_at = '2020-01-01T00:00:00Z' WHERE id = $1`,
        [schedule.id],
      );
      const before = Date.now();
      const enabled = (await patch(schedule.id, { enabled: true })).body as Schedule;
      expect(Date.parse(enabled.nextRunAt)).toBeGreaterThan(before);
      expect(enabled.nextRuns).toHaveLength(5);
    });

    it('should refuse a bad cron or zone, checks with frameworks, a bad scope, or the source', async () => {
      const schedule = await created({
        sourceId: listSourceId,
        name: 'strict',
        cron: '0 3 * * *',
        frameworks: ['cis-aws-foundations-v7.0.0'],
      });
      for (const [change, field] of [
        [{ cron: '99 * * * *' }, 'body.cron'],
        [{ timeZone: 'Nowhere/Else' }, 'body.timeZone'],
        [{ checks: ['iam_root_mfa_enabled'] }, 'body.checks'],
        [{ scope: { ouIds: ['ou-ab12-cdef3456'] } }, 'body.scope.ouIds'],
        [{ sourceId: orgSourceId }, 'body'],
      ] as const) {
        const response = await patch(schedule.id, change);
        expect(response.status).toBe(422);
        expect((response.body as Problem).errors?.map((e) => e.field)).toEqual([field]);
      }
      const switched = await patch(schedule.id, {
        frameworks: null,
        checks: ['iam_root_mfa_enabled'],
      });
      expect(switched.status).toBe(200);
      expect(switched.body).toMatchObject({ frameworks: null, checks: ['iam_root_mfa_enabled'] });
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      expect((await patch(schedule.id, { name: 'x' }, reader)).status).toBe(403);
    });
  });

  describe('DELETE /v1/schedules/{id}', () => {
    it('should delete the schedule (204), then 404', async () => {
      const schedule = await created({ sourceId: orgSourceId, name: 'gone', cron: '0 3 * * *' });
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      expect(
        (await api.request().delete(`/v1/schedules/${schedule.id}`).set(auth(reader))).status,
      ).toBe(403);
      expect(
        (await api.request().delete(`/v1/schedules/${schedule.id}`).set(auth(tenant.key))).status,
      ).toBe(204);
      expect(
        (await api.request().get(`/v1/schedules/${schedule.id}`).set(auth(tenant.key))).status,
      ).toBe(404);
      expect(await api.sql(`SELECT 1 FROM public.schedules WHERE id = $1`, [schedule.id])).toEqual(
        [],
      );
    });
  });
});
