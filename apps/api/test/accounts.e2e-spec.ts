// /v1/accounts and /v1/organizational-units on the real Postgres, over an inventory seeded as
// discovery writes it (organizational_units, accounts) with scans, jobs and posture snapshots.
import { randomUUID } from 'node:crypto';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
}

interface Account {
  accountId: string;
  name: string;
  email: string | null;
  state: string;
  sourceId: string;
  sourceName: string;
  ouPath: { id: string; name: string }[];
  ouPathText: string | null;
  tags: Record<string, string>;
  removedAt: string | null;
  lastScan: {
    scanId: string;
    scanStatus: string;
    jobStatus: string;
    errorCode: string | null;
    finishedAt: string | null;
  } | null;
  posture: {
    framework: string;
    day: string;
    passed: number;
    failed: number;
    score: number | null;
  }[];
}

interface AccountPage {
  items: Account[];
  nextCursor: string | null;
}

interface OuNode {
  id: string;
  name: string;
  path: string;
  accountCount: number;
  totalAccountCount: number;
  children: OuNode[];
}

interface OuTree {
  items: { sourceId: string; sourceName: string; roots: OuNode[] }[];
}

const ROOT = 'r-ab12';
const WORKLOADS = 'ou-ab12-11111111';
const PROD = 'ou-ab12-22222222';
const SANDBOX = 'ou-ab12-33333333';

describe('/v1/accounts and /v1/organizational-units', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let orgSourceId: string;
  let listSourceId: string;
  let newScanId: string;

  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  const get = (path: string, key = tenant.key) => api.request().get(path).set(auth(key));
  const page = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return response.body as AccountPage;
  };
  const ids = (result: AccountPage) => result.items.map((a) => a.accountId);

  async function createSource(body: object): Promise<string> {
    const response = await api.request().post('/v1/sources').set(auth(tenant.key)).send(body);
    expect(response.status).toBe(201);
    return (response.body as { id: string }).id;
  }

  async function seedAccount(
    sourceId: string,
    account: {
      id: string;
      name: string;
      state?: string;
      ouId?: string | null;
      ouPath?: string | null;
      tags?: Record<string, string>;
      removed?: boolean;
      lastSeen?: string;
    },
  ): Promise<void> {
    await api.sql(
      `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, email, state, ou_id,
                                    ou_path, tags, removed_at, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb,
               CASE WHEN $10 THEN now() END, '2026-01-01T00:00:00Z', $11)`,
      [
        tenant.tenantId,
        sourceId,
        account.id,
        account.name,
        `${account.name}@example.com`,
        account.state ?? 'ACTIVE',
        account.ouId ?? null,
        account.ouPath ?? null,
        JSON.stringify(account.tags ?? {}),
        account.removed ?? false,
        account.lastSeen ?? '2026-06-01T00:00:00Z',
      ],
    );
  }

  async function seedScan(
    sourceId: string,
    requestedAt: string,
    jobs: { accountId: string; status: string; errorCode?: string }[],
  ): Promise<string> {
    const [scan] = await api.sql<{ id: string }>(
      `INSERT INTO public.scans (tenant_id, source_id, status, "trigger", requested_at)
       VALUES ($1, $2, 'completed_with_errors', '{"kind":"api"}', $3) RETURNING id`,
      [tenant.tenantId, sourceId, requestedAt],
    );
    const scanId = (scan as { id: string }).id;
    for (const job of jobs) {
      await api.sql(
        `INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope, status, error_code,
                                       started_at, finished_at)
         VALUES ($1, $2, $3, 'account', $4, $5, $6, $6)`,
        [tenant.tenantId, scanId, job.accountId, job.status, job.errorCode ?? null, requestedAt],
      );
    }
    return scanId;
  }

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant('inventory');
    other = await api.createTenant('inventory-other');
    orgSourceId = await createSource({
      name: 'Acme org',
      kind: 'organization',
      config: {
        managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeDiscoveryRole',
        memberRoleName: 'PalisadeScanRole',
      },
    });
    listSourceId = await createSource({
      name: 'Clients',
      kind: 'accounts',
      config: { memberRoleName: 'AuditRole', accounts: [{ accountId: '222222222222' }] },
    });
    for (const [ouId, name, parentId, path] of [
      [ROOT, 'Root', null, '/Root'],
      [WORKLOADS, 'Workloads', ROOT, '/Root/Workloads'],
      [PROD, 'Prod', WORKLOADS, '/Root/Workloads/Prod'],
      [SANDBOX, 'Sandbox', ROOT, '/Root/Sandbox'],
    ]) {
      await api.sql(
        `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenant.tenantId, orgSourceId, ouId, name, parentId, path],
      );
    }
    await api.sql(
      `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path,
                                                removed_at)
       VALUES ($1, $2, 'ou-ab12-99999999', 'Gone', $3, '/Root/Gone', now())`,
      [tenant.tenantId, orgSourceId, ROOT],
    );
    await seedAccount(orgSourceId, {
      id: '111111111111',
      name: 'management',
      ouId: ROOT,
      ouPath: '/Root',
    });
    await seedAccount(orgSourceId, {
      id: '222222222222',
      name: 'payments-prod',
      ouId: PROD,
      ouPath: '/Root/Workloads/Prod',
      tags: { env: 'prod', team: 'payments' },
      lastSeen: '2026-05-01T00:00:00Z',
    });
    await seedAccount(orgSourceId, {
      id: '333333333333',
      name: 'search-prod',
      ouId: PROD,
      ouPath: '/Root/Workloads/Prod',
      tags: { env: 'prod' },
    });
    await seedAccount(orgSourceId, {
      id: '444444444444',
      name: 'workloads-shared',
      ouId: WORKLOADS,
      ouPath: '/Root/Workloads',
      tags: { env: 'dev', team: 'platform' },
    });
    await seedAccount(orgSourceId, {
      id: '555555555555',
      name: 'closed-sandbox',
      state: 'SUSPENDED',
      ouId: SANDBOX,
      ouPath: '/Root/Sandbox',
    });
    await seedAccount(orgSourceId, {
      id: '666666666666',
      name: 'left-the-org',
      ouId: SANDBOX,
      ouPath: '/Root/Sandbox',
      removed: true,
    });
    // The same account in the accounts source, seen later there.
    await seedAccount(listSourceId, {
      id: '222222222222',
      name: '222222222222',
      lastSeen: '2026-06-02T00:00:00Z',
    });

    await seedScan(orgSourceId, '2026-05-01T00:00:00Z', [
      { accountId: '222222222222', status: 'succeeded' },
    ]);
    newScanId = await seedScan(orgSourceId, '2026-06-01T00:00:00Z', [
      { accountId: '222222222222', status: 'failed', errorCode: 'ASSUME_ROLE_DENIED' },
      { accountId: '333333333333', status: 'succeeded' },
    ]);
    for (const [day, passed, failed, score] of [
      ['2026-05-30', 10, 10, 50],
      ['2026-05-31', 15, 5, 75],
    ] as const) {
      await api.sql(
        `INSERT INTO public.posture_snapshots (tenant_id, day, account_id, framework, passed,
                                               failed, manual, errored, suppressed, score)
         VALUES ($1, $2, '333333333333', 'cis-aws-foundations-v7.0.0', $3, $4, 1, 0, 0, $5)`,
        [tenant.tenantId, day, passed, failed, score],
      );
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('GET /v1/accounts', () => {
    it('should list the present accounts of every source by id, with OU path, tags, state, last scan and posture', async () => {
      const result = await page('/v1/accounts');
      // By account id, then source id: the account in both sources is listed once per source.
      const bothSources = [orgSourceId, listSourceId].sort();
      expect(result.items.map((a) => [a.accountId, a.sourceId])).toEqual([
        ['111111111111', orgSourceId],
        ['222222222222', bothSources[0]],
        ['222222222222', bothSources[1]],
        ['333333333333', orgSourceId],
        ['444444444444', orgSourceId],
        ['555555555555', orgSourceId],
      ]);
      const payments = result.items.find(
        (a) => a.accountId === '222222222222' && a.sourceId === orgSourceId,
      );
      expect(payments).toMatchObject({
        name: 'payments-prod',
        email: 'payments-prod@example.com',
        state: 'ACTIVE',
        sourceId: orgSourceId,
        ouPath: [
          { id: ROOT, name: 'Root' },
          { id: WORKLOADS, name: 'Workloads' },
          { id: PROD, name: 'Prod' },
        ],
        ouPathText: '/Root/Workloads/Prod',
        tags: { env: 'prod', team: 'payments' },
        removedAt: null,
        lastScan: {
          scanId: newScanId,
          scanStatus: 'completed_with_errors',
          jobStatus: 'failed',
          errorCode: 'ASSUME_ROLE_DENIED',
        },
        posture: [],
      });
      expect(
        result.items.find((a) => a.accountId === '222222222222' && a.sourceId === listSourceId),
      ).toMatchObject({ sourceName: 'Clients', ouPath: [], ouPathText: null, lastScan: null });
      expect(result.items[3]?.posture).toEqual([
        {
          framework: 'cis-aws-foundations-v7.0.0',
          day: '2026-05-31',
          passed: 15,
          failed: 5,
          manual: 1,
          errored: 0,
          suppressed: 0,
          score: 75,
        },
      ]);
    });

    it('should filter by source, OU with its descendants, state, tags and text', async () => {
      expect(ids(await page(`/v1/accounts?sourceId=${listSourceId}`))).toEqual(['222222222222']);
      expect(ids(await page(`/v1/accounts?ouId=${WORKLOADS}`))).toEqual([
        '222222222222',
        '333333333333',
        '444444444444',
      ]);
      expect(ids(await page(`/v1/accounts?ouId=${PROD}`))).toEqual([
        '222222222222',
        '333333333333',
      ]);
      expect(ids(await page('/v1/accounts?ouId=ou-ab12-00000000'))).toEqual([]);
      expect(ids(await page('/v1/accounts?state=SUSPENDED'))).toEqual(['555555555555']);
      expect(
        ids(await page('/v1/accounts?state=SUSPENDED&state=ACTIVE&sourceId=' + orgSourceId)),
      ).toHaveLength(5);
      expect(ids(await page('/v1/accounts?tag=env=prod'))).toEqual([
        '222222222222',
        '333333333333',
      ]);
      expect(ids(await page('/v1/accounts?tag=env=prod&tag=team'))).toEqual(['222222222222']);
      expect(ids(await page('/v1/accounts?tag=team'))).toEqual(['222222222222', '444444444444']);
      expect(ids(await page('/v1/accounts?q=PROD'))).toEqual(['222222222222', '333333333333']);
      expect(ids(await page('/v1/accounts?q=4444'))).toEqual(['444444444444']);
      expect(ids(await page('/v1/accounts?q=%25'))).toEqual([]);
      expect(ids(await page('/v1/accounts?includeRemoved=true&ouId=' + SANDBOX))).toEqual([
        '555555555555',
        '666666666666',
      ]);
    });

    it('should page with a cursor through every account exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const result: AccountPage = await page(
          `/v1/accounts?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        expect(result.items.length).toBeLessThanOrEqual(2);
        seen.push(...result.items.map((a) => `${a.accountId}/${a.sourceName}`));
        cursor = result.nextCursor;
      } while (cursor !== null);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
    });

    it('should answer 400 naming each bad parameter', async () => {
      for (const [query, field] of [
        ['ouId=not-an-ou', 'query.ouId'],
        ['state=GONE', 'query.state'],
        ['sourceId=42', 'query.sourceId'],
        ['includeRemoved=yes', 'query.includeRemoved'],
        ['tag==x', 'query.tag'],
        ['cursor=x', 'query.cursor'],
        ['limit=501', 'query.limit'],
        ['q=a%00b', 'query.q'],
        ['tag=env=%00', 'query.tag'],
      ]) {
        const response = await get(`/v1/accounts?${query}`);
        expect(response.status).toBe(400);
        expect((response.body as Problem).errors?.[0]?.field).toBe(field);
      }
    });

    it('should show another tenant nothing, and refuse a key without findings:read', async () => {
      expect((await page(`/v1/accounts`)).items.length).toBeGreaterThan(0);
      const foreign = await get('/v1/accounts', other.key);
      expect((foreign.body as AccountPage).items).toEqual([]);
      const filtered = await get(`/v1/accounts?sourceId=${orgSourceId}`, other.key);
      expect((filtered.body as AccountPage).items).toEqual([]);
      const scanner = await api.createKey(tenant.tenantId, ['scans:write']);
      expect((await get('/v1/accounts', scanner)).status).toBe(403);
    });
  });

  describe('GET /v1/accounts/{accountId}', () => {
    it('should give the account from the source where it is present and was seen last, or the one named', async () => {
      const response = await get('/v1/accounts/222222222222');
      expect(response.status).toBe(200);
      expect((response.body as Account).sourceName).toBe('Clients');
      const named = await get(`/v1/accounts/222222222222?sourceId=${orgSourceId}`);
      expect((named.body as Account).sourceName).toBe('Acme org');
      expect((named.body as Account).lastScan?.scanId).toBe(newScanId);
      const removed = await get('/v1/accounts/666666666666');
      expect(removed.status).toBe(200);
      expect((removed.body as Account).removedAt).not.toBeNull();
    });

    it('should answer 400 for a malformed id and 404 for an unknown one or another tenant’s', async () => {
      for (const bad of ['12345', 'abcdefghijkl', '1234567890123']) {
        const response = await get(`/v1/accounts/${bad}`);
        expect(response.status).toBe(400);
        expect((response.body as Problem).errors?.[0]?.field).toBe('param.accountId');
      }
      const unknown = await get('/v1/accounts/987654321098');
      expect(unknown.status).toBe(404);
      expect((unknown.body as Problem).detail).toBe('no account with id 987654321098');
      const foreign = await get('/v1/accounts/333333333333', other.key);
      expect(foreign.status).toBe(404);
      expect((foreign.body as Problem).detail).toBe('no account with id 333333333333');
      expect((await get(`/v1/accounts/333333333333?sourceId=${listSourceId}`)).status).toBe(404);
    });
  });

  describe('GET /v1/organizational-units', () => {
    it('should give each organization source’s OU tree with direct and total present-account counts', async () => {
      const response = await get('/v1/organizational-units');
      expect(response.status).toBe(200);
      const tree = response.body as OuTree;
      expect(tree.items).toHaveLength(1);
      expect(tree.items[0]).toMatchObject({ sourceId: orgSourceId, sourceName: 'Acme org' });
      const [root] = tree.items[0]?.roots ?? [];
      expect(root).toMatchObject({ id: ROOT, accountCount: 1, totalAccountCount: 5 });
      expect(root?.children.map((c) => [c.name, c.accountCount, c.totalAccountCount])).toEqual([
        ['Sandbox', 1, 1],
        ['Workloads', 1, 3],
      ]);
      const prod = root?.children[1]?.children[0];
      expect(prod).toEqual({
        id: PROD,
        name: 'Prod',
        path: '/Root/Workloads/Prod',
        accountCount: 2,
        totalAccountCount: 2,
        children: [],
      });
    });

    it('should narrow to one source, 404 for an accounts source or another tenant’s, 400 for a bad id', async () => {
      const one = await get(`/v1/organizational-units?sourceId=${orgSourceId}`);
      expect((one.body as OuTree).items).toHaveLength(1);
      for (const key of [tenant.key, other.key]) {
        const sourceId = key === tenant.key ? listSourceId : orgSourceId;
        const response = await get(`/v1/organizational-units?sourceId=${sourceId}`, key);
        expect(response.status).toBe(404);
      }
      expect(((await get('/v1/organizational-units', other.key)).body as OuTree).items).toEqual([]);
      const bad = await get('/v1/organizational-units?sourceId=x');
      expect(bad.status).toBe(400);
      expect((bad.body as Problem).errors?.[0]?.field).toBe('query.sourceId');
    });
  });

  it('should drop a deleted source’s accounts', async () => {
    const doomed = await createSource({
      name: `doomed-${randomUUID().slice(0, 8)}`,
      kind: 'accounts',
      config: { memberRoleName: 'AuditRole', accounts: [{ accountId: '777777777777' }] },
    });
    await seedAccount(doomed, { id: '777777777777', name: 'doomed' });
    expect(ids(await page('/v1/accounts?q=777'))).toEqual(['777777777777']);
    await api.request().delete(`/v1/sources/${doomed}`).set(auth(tenant.key)).expect(204);
    expect(ids(await page('/v1/accounts?q=777'))).toEqual([]);
    expect((await get('/v1/accounts/777777777777')).status).toBe(404);
  });
});
