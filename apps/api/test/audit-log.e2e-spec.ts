import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface EntryBody {
  id: string;
  at: string;
  actorKind: string;
  actorKeyId: string;
  action: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  statusCode: number;
  requestId: string | null;
}
interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}
interface ProblemBody {
  errors?: { field: string; detail: string }[];
}

const idOf = (key: string) => key.split('_')[1] as string;

describe('/v1/audit-log', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;

  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  const log = async (key: string, query: Record<string, string | number> = {}) => {
    const response = await api.request().get('/v1/audit-log').query(query).set(bearer(key));
    expect(response.status).toBe(200);
    return response.body as PageBody<EntryBody>;
  };

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant();
  });
  afterAll(async () => {
    await api.close();
  });

  it('should record a write with its key, method, path and status, newest first', async () => {
    const created = await api
      .request()
      .post('/v1/api-keys')
      .set(bearer(tenant.key))
      .send({ name: 'ci', scopes: ['scans:write'] });
    expect(created.status).toBe(201);
    const keyId = (created.body as { id: string }).id;
    const revoked = await api.request().delete(`/v1/api-keys/${keyId}`).set(bearer(tenant.key));
    expect(revoked.status).toBe(204);

    const page = await log(tenant.key);
    expect(page.items.slice(0, 2)).toEqual([
      expect.objectContaining({
        actorKind: 'tenant',
        actorKeyId: idOf(tenant.key),
        action: 'DELETE /v1/api-keys/:id',
        method: 'DELETE',
        path: `/v1/api-keys/${keyId}`,
        resourceType: 'api-keys',
        resourceId: keyId,
        statusCode: 204,
      }),
      expect.objectContaining({
        actorKeyId: idOf(tenant.key),
        action: 'POST /v1/api-keys',
        method: 'POST',
        path: '/v1/api-keys',
        resourceId: keyId,
        statusCode: 201,
      }),
    ]);
    expect(Date.parse(page.items[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('should record a refused write (422) too', async () => {
    const response = await api
      .request()
      .put('/v1/settings')
      .set(bearer(tenant.key))
      .send({ checkSettings: { 'iam.passwordMinLength': 1 } });
    expect(response.status).toBe(422);
    const [latest] = (await log(tenant.key, { limit: 1 })).items;
    expect(latest).toMatchObject({
      action: 'PUT /v1/settings',
      path: '/v1/settings',
      statusCode: 422,
      actorKeyId: idOf(tenant.key),
    });
  });

  it("should show the operator's actions on the tenant, and never another tenant's rows", async () => {
    const other = await api.createTenant();
    const theirs = await api
      .request()
      .post('/v1/api-keys')
      .set(bearer(other.key))
      .send({ name: 'theirs', scopes: ['admin'] });
    expect(theirs.status).toBe(201);
    const renamed = await api
      .request()
      .patch(`/v1/tenants/${tenant.tenantId}`)
      .set(bearer(api.operatorKey))
      .send({ name: 'Renamed' });
    expect(renamed.status).toBe(200);

    const mine = await log(tenant.key, { limit: 500 });
    expect(mine.items[0]).toMatchObject({
      actorKind: 'operator',
      actorKeyId: 'operator',
      action: 'PATCH /v1/tenants/:id',
      resourceId: tenant.tenantId,
    });
    expect(mine.items.map((e) => e.actorKeyId)).not.toContain(idOf(other.key));
    const [count] = await api.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM public.audit_log WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(mine.items).toHaveLength(count?.n ?? -1);
    const filtered = await log(tenant.key, { actorKeyId: idOf(other.key) });
    expect(filtered.items).toEqual([]);
    const theirLog = await log(other.key, { limit: 500 });
    expect(theirLog.items.map((e) => e.actorKeyId)).toEqual([idOf(other.key)]);
  });

  it('should page newest first by (at, id) without gaps or repeats', async () => {
    const paged = await api.createTenant();
    for (let i = 0; i < 7; i++) {
      const response = await api
        .request()
        .post('/v1/api-keys')
        .set(bearer(paged.key))
        .send({ name: `k${i}`, scopes: ['findings:read'] });
      expect(response.status).toBe(201);
    }
    // Rows written in one transaction share `at`: the id orders them.
    await api.sql(
      `INSERT INTO public.audit_log (tenant_id, actor_kind, actor_key_id, action, method, path, status_code, at)
       SELECT $1, 'tenant', 'seeded', 'POST /v1/seeded', 'POST', '/v1/seeded', 201,
              '2026-01-01T00:00:00.123456Z'
         FROM generate_series(1, 5)`,
      [paged.tenantId],
    );
    const seen: EntryBody[] = [];
    let cursor: string | null = null;
    do {
      const page: PageBody<EntryBody> = await log(
        paged.key,
        cursor === null ? { limit: 3 } : { limit: 3, cursor },
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const rows = await api.sql<{ id: string }>(
      `SELECT id::text AS id FROM public.audit_log WHERE tenant_id = $1 ORDER BY at DESC, id DESC`,
      [paged.tenantId],
    );
    expect(seen.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    expect(seen).toHaveLength(12);
  });

  it('should filter by action, key and time range', async () => {
    const filtered = await api.createTenant();
    const reader = await api.createKey(filtered.tenantId, ['admin']);
    await api.sql(
      `INSERT INTO public.audit_log (tenant_id, actor_kind, actor_key_id, action, method, path, status_code, at)
       VALUES ($1, 'tenant', $2, 'PUT /v1/settings', 'PUT', '/v1/settings', 200, '2026-03-01T00:00:00Z'),
              ($1, 'tenant', $2, 'POST /v1/api-keys', 'POST', '/v1/api-keys', 201, '2026-03-02T00:00:00Z'),
              ($1, 'tenant', $3, 'PUT /v1/settings', 'PUT', '/v1/settings', 422, '2026-03-03T00:00:00Z')`,
      [filtered.tenantId, idOf(filtered.key), idOf(reader)],
    );
    const byAction = await log(filtered.key, { action: 'PUT /v1/settings' });
    expect(byAction.items.map((e) => e.at)).toEqual([
      '2026-03-03T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    const byKey = await log(filtered.key, { actorKeyId: idOf(reader) });
    expect(byKey.items.map((e) => e.statusCode)).toEqual([422]);
    const range = await log(filtered.key, {
      since: '2026-03-01T00:00:00Z',
      until: '2026-03-03T00:00:00Z',
    });
    expect(range.items.map((e) => e.action)).toEqual(['POST /v1/api-keys', 'PUT /v1/settings']);
    const combined = await log(filtered.key, {
      action: 'PUT /v1/settings',
      since: '2026-03-02T00:00:00+00:00',
    });
    expect(combined.items.map((e) => e.statusCode)).toEqual([422]);
  });

  it('should refuse bad filters (400, naming the parameter) and keys without the admin scope (403)', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ since: 'yesterday' }, 'query.since'],
      [{ until: '2026-13-01T00:00:00Z' }, 'query.until'],
      [{ since: '2026-03-02T00:00:00Z', until: '2026-03-01T00:00:00Z' }, 'query.until'],
      [{ actorKeyId: 'DROP TABLE' }, 'query.actorKeyId'],
      [{ limit: '501' }, 'query.limit'],
      [{ cursor: Buffer.from('{"at":"x","id":"1"}').toString('base64url') }, 'query.cursor'],
    ];
    for (const [query, field] of cases) {
      const response = await api
        .request()
        .get('/v1/audit-log')
        .query(query)
        .set(bearer(tenant.key));
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect((response.body as ProblemBody).errors?.map((e) => e.field)).toContain(field);
    }
    const reader = await api.createKey(tenant.tenantId, ['findings:read']);
    expect((await api.request().get('/v1/audit-log').set(bearer(reader))).status).toBe(403);
    expect((await api.request().get('/v1/audit-log').set(bearer(api.operatorKey))).status).toBe(
      403,
    );
  });
});
