// The tenant isolation matrix: every /v1 route of the real app, called with another tenant's key
// and the victim's ids. No read, write or existence leak: another tenant's id answers exactly as
// an id that exists nowhere (404), lists never carry the victim's data, writes change nothing of
// the victim's, and operator routes refuse tenant keys. A route the matrix does not know fails it.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';
import { seedFindings, seedInventory } from './support/findings-seed';
import { type DeclaredRoute, declaredRoutes } from './support/routes';

interface Problem {
  type: string;
  status: number;
  detail: string;
}

/** The victim's resources, by the path parameter that names them. */
interface VictimIds {
  readonly tenant: string;
  readonly source: string;
  readonly orgSource: string;
  readonly schedule: string;
  readonly scan: string;
  readonly rule: string;
  readonly webhook: string;
  readonly delivery: string;
  readonly apiKey: string;
  readonly finding: string;
  readonly account: string;
}

const VICTIM_ACCOUNT = '111122223333';
const FRAMEWORK = 'cis-aws-foundations-v7.0.0';

/** Bodies of writes, valid in shape, so that only tenancy decides the answer. */
const PATCH_BODIES: Record<string, object> = {
  '/v1/sources/:id': { name: 'renamed by another tenant' },
  '/v1/schedules/:id': { name: 'renamed by another tenant' },
  '/v1/suppression-rules/:id': { reason: 'changed by another tenant' },
  '/v1/webhooks/:id': { description: 'changed by another tenant' },
};

/**
 * Collection writes (no id in the path) and what another tenant gets when its body names the
 * victim's resources: refused as unknown, never acted on.
 */
function collectionWrites(
  ids: VictimIds,
  sinkUrl: string,
): Record<string, { body: object; status: number }> {
  return {
    'POST /v1/scans': { body: { sourceId: ids.source }, status: 422 },
    'POST /v1/schedules': {
      body: { sourceId: ids.source, name: 'stolen', cron: '0 3 * * *', timeZone: 'UTC' },
      status: 422,
    },
    // These create in the caller's own tenant: allowed, and checked to leave the victim alone.
    'POST /v1/sources': {
      body: {
        name: 'own',
        kind: 'accounts',
        config: { memberRoleName: 'AuditRole', accounts: [{ accountId: VICTIM_ACCOUNT }] },
      },
      status: 201,
    },
    'POST /v1/api-keys': { body: { name: 'own', scopes: ['findings:read'] }, status: 201 },
    'POST /v1/webhooks': { body: { url: `${sinkUrl}/own`, events: ['scan.failed'] }, status: 201 },
    'POST /v1/suppression-rules': {
      body: { accountIds: [VICTIM_ACCOUNT], reason: 'own rule' },
      status: 201,
    },
    'PUT /v1/settings': { body: { checkSettings: {} }, status: 200 },
  };
}

function victimIdFor(route: DeclaredRoute, name: string, ids: VictimIds): string {
  const resource = route.path.split('/')[2];
  if (name === 'deliveryId') return ids.delivery;
  if (name === 'accountId') return ids.account;
  if (name === 'uid') return ids.finding;
  const byResource: Record<string, string> = {
    tenants: ids.tenant,
    sources: ids.source,
    schedules: ids.schedule,
    scans: ids.scan,
    'suppression-rules': ids.rule,
    webhooks: ids.webhook,
    'api-keys': ids.apiKey,
  };
  const id = resource === undefined ? undefined : byResource[resource];
  if (id === undefined)
    throw new Error(`the matrix has no victim id for ${route.method} ${route.path}`);
  return id;
}

/** The same route with ids that exist in no tenant (the existence-leak reference). */
function absentIdFor(route: DeclaredRoute, name: string): string {
  if (name === 'accountId') return '999988887777';
  if (name === 'id' && route.path.startsWith('/v1/api-keys/')) return 'zzzzzzzzzzzzzzzz';
  if (name === 'uid') return 'f'.repeat(64);
  if (name === 'id' || name === 'deliveryId') return randomUUID();
  return 'x';
}

function fill(path: string, value: (name: string) => string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => value(name));
}

describe('tenant isolation matrix', () => {
  let api: ApiTestApp;
  let victim: TestTenant;
  let attacker: TestTenant;
  let ids: VictimIds;
  let routes: DeclaredRoute[];
  let sink: Server;
  let sinkUrl: string;

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  async function created(
    path: string,
    body: object,
    headers: Record<string, string> = {},
  ): Promise<string> {
    const response = await api.request().post(path).set(as(victim.key)).set(headers).send(body);
    if (response.status !== 201) {
      throw new Error(`seeding ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return (response.body as { id: string }).id;
  }

  beforeAll(async () => {
    sink = createServer((_, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    api = await startApiTestApp();
    victim = await api.createTenant('victim');
    attacker = await api.createTenant('attacker');

    const orgSource = await seedInventory(
      api,
      victim.tenantId,
      [
        {
          ouId: 'ou-ab12-cdef3456',
          name: 'Production',
          parentId: null,
          path: '/r-ab12/ou-ab12-cdef3456/',
        },
      ],
      [{ accountId: VICTIM_ACCOUNT, name: 'victim-prod', ouId: 'ou-ab12-cdef3456' }],
    );
    const [finding] = await seedFindings(api, victim.tenantId, [
      {
        accountId: VICTIM_ACCOUNT,
        checkId: 's3_bucket_public_access_block',
        compliance: 'FAIL',
        lastSeenAt: new Date(),
      },
    ]);
    const source = await created('/v1/sources', {
      name: 'victim accounts',
      kind: 'accounts',
      config: { memberRoleName: 'AuditRole', accounts: [{ accountId: VICTIM_ACCOUNT }] },
    });
    const schedule = await created('/v1/schedules', {
      sourceId: source,
      name: 'nightly',
      cron: '0 3 * * *',
      timeZone: 'UTC',
    });
    const scan = await created(
      '/v1/scans',
      { sourceId: source },
      { 'Idempotency-Key': 'victim-scan' },
    );
    const rule = await created('/v1/suppression-rules', {
      accountIds: [VICTIM_ACCOUNT],
      reason: 'victim rule',
    });
    const webhook = await created('/v1/webhooks', {
      url: `${sinkUrl}/victim`,
      events: ['scan.failed'],
    });
    await api.request().post(`/v1/webhooks/${webhook}/ping`).set(as(victim.key)).expect(202);
    const deliveries = await api
      .request()
      .get(`/v1/webhooks/${webhook}/deliveries`)
      .set(as(victim.key))
      .expect(200);
    const delivery = (deliveries.body as { items: { id: string }[] }).items[0]?.id;
    if (!delivery) throw new Error('the ping made no delivery');
    const apiKey = await created('/v1/api-keys', {
      name: 'victim reader',
      scopes: ['findings:read'],
    });
    ids = {
      tenant: victim.tenantId,
      source,
      orgSource,
      schedule,
      scan,
      rule,
      webhook,
      delivery,
      apiKey,
      finding: (finding as { uid: string }).uid,
      account: VICTIM_ACCOUNT,
    };
    routes = declaredRoutes(api.app).filter((route) => route.path.startsWith('/v1/'));
  });

  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => sink.close(resolve));
  });

  /** Every string that would betray the victim in a response. */
  const secrets = () => [
    ids.tenant,
    ids.source,
    ids.orgSource,
    ids.schedule,
    ids.scan,
    ids.rule,
    ids.webhook,
    ids.delivery,
    ids.apiKey,
    ids.finding,
    ids.account,
    'victim',
  ];

  it('should know every /v1 route (a new route must join the matrix)', () => {
    expect(routes.length).toBeGreaterThan(40);
    const writes = collectionWrites(ids, sinkUrl);
    const tenantWrites = routes.filter((r) => r.access !== 'operator' && r.method !== 'GET');
    const unknownPatches = tenantWrites
      .filter((r) => r.method === 'PATCH' && !(r.path in PATCH_BODIES))
      .map((r) => r.path);
    const unknownCollectionWrites = tenantWrites
      .filter((r) => !r.path.includes(':') && !(`${r.method} ${r.path}` in writes))
      .map((r) => `${r.method} ${r.path}`);
    expect({ unknownPatches, unknownCollectionWrites }).toEqual({
      unknownPatches: [],
      unknownCollectionWrites: [],
    });
  });

  it('should refuse every operator route to a tenant key (403), even naming its own tenant', async () => {
    const operatorRoutes = routes.filter((route) => route.access === 'operator');
    expect(operatorRoutes.length).toBeGreaterThanOrEqual(7);
    for (const route of operatorRoutes) {
      for (const tenant of [ids.tenant, attacker.tenantId]) {
        const path = fill(route.path, () => tenant);
        const response = await api
          .request()
          [route.method.toLowerCase() as 'get'](path)
          .set(as(attacker.key))
          .send({ name: 'x' });
        expect({ route: `${route.method} ${path}`, status: response.status }).toEqual({
          route: `${route.method} ${path}`,
          status: 403,
        });
      }
    }
  });

  // Before the id probes below: those are the attacker's own writes, audited in its own log.
  it("should never show the victim's data in another tenant's lists, reports or exports", async () => {
    const reads = routes.filter(
      (route) =>
        route.method === 'GET' &&
        route.access !== 'operator' &&
        (!route.path.includes(':') || route.path.includes(':framework')),
    );
    expect(reads.length).toBeGreaterThanOrEqual(15);
    for (const route of reads) {
      const path = fill(route.path, () => FRAMEWORK);
      const queries =
        path === '/v1/exports/findings' ? ['format=csv', 'format=ocsf', 'format=asff'] : [''];
      for (const query of queries) {
        const response = await api
          .request()
          .get(query ? `${path}?${query}` : path)
          .set(as(attacker.key))
          .buffer(true)
          .parse((res, done) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => done(null, text));
          });
        const label = `GET ${path}?${query}`;
        expect({ label, status: response.status }).toEqual({ label, status: 200 });
        const text = response.body as string;
        for (const secret of secrets()) {
          expect({ label, leaks: text.includes(secret) ? secret : null }).toEqual({
            label,
            leaks: null,
          });
        }
      }
    }
  });

  it("should answer another tenant's id exactly as an id that exists nowhere, on every route", async () => {
    const scoped = routes.filter(
      (route) =>
        route.access !== 'operator' &&
        route.path.includes(':') &&
        !route.path.includes(':framework'),
    );
    expect(scoped.length).toBeGreaterThanOrEqual(25);
    for (const route of scoped) {
      const call = (path: string) =>
        api
          .request()
          [route.method.toLowerCase() as 'get'](path)
          .set(as(attacker.key))
          .send(PATCH_BODIES[route.path] ?? {});
      const used = { victim: [] as string[], absent: [] as string[] };
      const victimPath = fill(route.path, (name) => {
        const id = victimIdFor(route, name, ids);
        used.victim.push(id);
        return id;
      });
      const absentPath = fill(route.path, (name) => {
        const id = absentIdFor(route, name);
        used.absent.push(id);
        return id;
      });
      const anonymise = (text: string, values: string[]) =>
        values.reduce((result, value) => result.split(value).join('ID'), text);
      const [theirs, nobodys] = [await call(victimPath), await call(absentPath)];
      const label = `${route.method} ${route.path}`;
      expect({ label, status: theirs.status }).toEqual({ label, status: 404 });
      expect({ label, status: nobodys.status }).toEqual({ label, status: 404 });
      const problem = theirs.body as Problem;
      const reference = nobodys.body as Problem;
      expect(problem.type).toBe(reference.type);
      // The detail may name the id asked for, nothing more.
      expect(anonymise(problem.detail, used.victim)).toBe(anonymise(reference.detail, used.absent));
    }
  });

  it("should refuse writes naming the victim's resources and leave them untouched", async () => {
    for (const [route, { body, status }] of Object.entries(collectionWrites(ids, sinkUrl))) {
      const [method, path] = route.split(' ') as [string, string];
      const response = await api
        .request()
        [method.toLowerCase() as 'post'](path)
        .set(as(attacker.key))
        .set('Idempotency-Key', 'victim-scan')
        .send(body);
      expect({ route, status: response.status }).toEqual({ route, status });
    }
    const victimRows = async (table: string) =>
      (
        await api.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM public.${table} WHERE tenant_id = $1`,
          [ids.tenant],
        )
      )[0]?.n;
    expect(await victimRows('scans')).toBe(1);
    expect(await victimRows('schedules')).toBe(1);
    expect(await victimRows('suppression_rules')).toBe(1);
    expect(await victimRows('webhooks')).toBe(1);

    const own = async (path: string) => {
      const response = await api.request().get(path).set(as(victim.key));
      return { path, status: response.status, body: response.body as Record<string, unknown> };
    };
    expect((await own(`/v1/sources/${ids.source}`)).body).toMatchObject({
      name: 'victim accounts',
    });
    expect((await own(`/v1/schedules/${ids.schedule}`)).body).toMatchObject({ name: 'nightly' });
    expect((await own(`/v1/scans/${ids.scan}`)).body).toMatchObject({ cancelRequestedAt: null });
    expect((await own(`/v1/suppression-rules/${ids.rule}`)).body).toMatchObject({
      reason: 'victim rule',
    });
    expect((await own(`/v1/webhooks/${ids.webhook}`)).status).toBe(200);
    expect((await own(`/v1/api-keys/${ids.apiKey}`)).body).toMatchObject({ revokedAt: null });
    expect((await own(`/v1/findings/${ids.finding}`)).status).toBe(200);
    const [tenant] = await api.sql<{ status: string }>(
      `SELECT status FROM public.tenants WHERE id = $1`,
      [ids.tenant],
    );
    expect(tenant?.status).toBe('active');
  });
});
