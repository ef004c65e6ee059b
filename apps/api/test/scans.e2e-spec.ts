import { randomUUID } from 'node:crypto';
import { scanControlSchema, scanRequestedSchema } from '@palisade/contracts';
import { type ApiTestApp, startApiTestApp } from './support/api-test-app';

interface ScanBody {
  id: string;
  sourceId: string;
  status: string;
  trigger: { kind: string; apiKeyId?: string };
  request: Record<string, string[]>;
  idempotencyKey: string | null;
  counts: Record<string, number>;
  error: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelRequestedAt: string | null;
  links: { self: string; jobs: string; cancel: string };
}
interface JobBody {
  jobId: string;
  accountId: string;
  scope: string;
  status: string;
  progress: { regionsDone: number; regionsTotal: number; checksDone: number; at: string } | null;
  result: {
    scopesEvaluated: number;
    results: number;
    regionsScanned: string[];
    regionsNotEnabled: string[];
    cancelled: boolean;
  } | null;
  skip: { reason: string; message: string | null } | null;
  errors: { code: string; message: string; region?: string; checkId?: string }[];
  errorsTotal: number;
  startedAt: string | null;
  finishedAt: string | null;
}
interface DetailBody extends ScanBody {
  jobTotals: Record<string, number>;
  accounts: JobBody[];
  accountsNextCursor: string | null;
}
interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}
interface ProblemBody {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: { field: string; detail: string }[];
}

const ACCOUNT_1 = '111111111111';
const ACCOUNT_2 = '222222222222';
const FRAMEWORK = 'cis-aws-foundations-v7.0.0';
const CHECK = 'iam_root_mfa_enabled';
const REQUESTED = 'palisade.scan.requested.v1';
const CONTROL = 'palisade.scan.control.v1';

const fields = (body: unknown) => ((body as ProblemBody).errors ?? []).map((e) => e.field);

describe('/v1/scans', () => {
  let api: ApiTestApp;
  let tenantId: string;
  let admin: string;
  let writer: string;
  let reader: string;
  let orgSource: string;
  let accountsSource: string;
  let other: { tenantId: string; key: string; source: string };

  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  async function createSource(
    tenant: string,
    kind: 'organization' | 'accounts',
    name = `${kind}-${randomUUID().slice(0, 8)}`,
  ): Promise<string> {
    const config =
      kind === 'organization'
        ? {
            managementRoleArn: `arn:aws:iam::${ACCOUNT_1}:role/PalisadeManagement`,
            memberRoleName: 'PalisadeScan',
          }
        : {
            accounts: [{ accountId: ACCOUNT_1 }, { accountId: ACCOUNT_2 }],
            memberRoleName: 'PalisadeScan',
          };
    const [row] = await api.sql<{ id: string }>(
      `INSERT INTO public.sources (tenant_id, name, kind, config)
       VALUES ($1, $2, $3, $4::jsonb) RETURNING id`,
      [tenant, name, kind, JSON.stringify(config)],
    );
    return row!.id;
  }

  /** A scan row straight in the database (as a schedule or the CLI would leave it). */
  async function seedScan(
    tenant: string,
    source: string,
    options: { status?: string; requestedAt?: Date; cancelRequestedAt?: Date } = {},
  ): Promise<string> {
    const [row] = await api.sql<{ id: string }>(
      `INSERT INTO public.scans (tenant_id, source_id, status, "trigger", requested_at, cancel_requested_at)
       VALUES ($1, $2, $3, '{"kind":"cli"}', $4, $5) RETURNING id`,
      [
        tenant,
        source,
        options.status ?? 'queued',
        options.requestedAt ?? new Date(),
        options.cancelRequestedAt ?? null,
      ],
    );
    return row!.id;
  }

  async function outboxOf(topic: string, scanId: string): Promise<unknown[]> {
    const rows = await api.sql<{ value: unknown }>(
      `SELECT value FROM public.outbox WHERE topic = $1 AND value ->> 'scanId' = $2 ORDER BY id`,
      [topic, scanId],
    );
    return rows.map((r) => r.value);
  }

  const post = (body: unknown, key = writer, idempotencyKey?: string) => {
    const request = api.request().post('/v1/scans').set(bearer(key));
    if (idempotencyKey !== undefined) request.set('Idempotency-Key', idempotencyKey);
    return request.send(body as object);
  };

  const scanCount = async (tenant: string) =>
    (
      await api.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM public.scans WHERE tenant_id = $1`,
        [tenant],
      )
    )[0]!.n;

  beforeAll(async () => {
    api = await startApiTestApp();
    const tenant = await api.createTenant('scans-tenant');
    tenantId = tenant.tenantId;
    admin = tenant.key;
    writer = await api.createKey(tenantId, ['scans:write']);
    reader = await api.createKey(tenantId, ['findings:read']);
    orgSource = await createSource(tenantId, 'organization');
    accountsSource = await createSource(tenantId, 'accounts');
    const otherTenant = await api.createTenant('scans-other');
    other = {
      tenantId: otherTenant.tenantId,
      key: otherTenant.key,
      source: await createSource(otherTenant.tenantId, 'organization'),
    };
  });
  afterAll(async () => {
    await api.close();
  });

  describe('POST /v1/scans', () => {
    it('should queue a scan and write its scan.requested message in the outbox', async () => {
      const body = {
        sourceId: orgSource,
        ouIds: ['ou-ab12-cdef3456'],
        regions: ['eu-west-1', 'us-gov-west-1'],
        frameworks: [FRAMEWORK],
      };
      const response = await post(body, writer, 'create-happy-path');
      expect(response.status).toBe(201);
      const scan = response.body as ScanBody;
      expect(scan).toMatchObject({
        sourceId: orgSource,
        status: 'queued',
        trigger: { kind: 'api' },
        request: { ouIds: body.ouIds, regions: body.regions, frameworks: body.frameworks },
        idempotencyKey: 'create-happy-path',
        error: null,
        startedAt: null,
        finishedAt: null,
        cancelRequestedAt: null,
        links: {
          self: `/v1/scans/${scan.id}`,
          jobs: `/v1/scans/${scan.id}/jobs`,
          cancel: `/v1/scans/${scan.id}/cancel`,
        },
      });
      expect(response.headers['location']).toBe(`/v1/scans/${scan.id}`);
      expect(Math.abs(Date.parse(scan.requestedAt) - Date.now())).toBeLessThan(60_000);

      const [row] = await api.sql<{ status: string; trigger: { kind: string; apiKeyId: string } }>(
        `SELECT status, "trigger" FROM public.scans WHERE tenant_id = $1 AND id = $2`,
        [tenantId, scan.id],
      );
      expect(row?.status).toBe('queued');
      expect(row?.trigger.kind).toBe('api');
      // The key that asked: its id is the middle part of pal_<id>_<secret>.
      expect(writer).toContain(`_${row?.trigger.apiKeyId}_`);
      expect(scan.trigger.apiKeyId).toBe(row?.trigger.apiKeyId);

      const messages = await outboxOf(REQUESTED, scan.id);
      expect(messages).toHaveLength(1);
      const message = scanRequestedSchema.parse(messages[0]);
      expect(message).toEqual({
        schemaVersion: 1,
        scanId: scan.id,
        tenantId,
        sourceId: orgSource,
        trigger: { kind: 'api', apiKeyId: row?.trigger.apiKeyId },
        scope: { ouIds: body.ouIds },
        regions: body.regions,
        frameworks: body.frameworks,
        idempotencyKey: 'create-happy-path',
        requestedAt: scan.requestedAt,
      });
    });

    it('should take accounts and checks, and let an admin key create scans', async () => {
      const response = await post(
        { sourceId: accountsSource, accountIds: [ACCOUNT_2], checks: [CHECK] },
        admin,
      );
      expect(response.status).toBe(201);
      const scan = response.body as ScanBody;
      expect(scan.request).toEqual({ accountIds: [ACCOUNT_2], checks: [CHECK] });
      expect(scan.idempotencyKey).toBeNull();
      const [message] = await outboxOf(REQUESTED, scan.id);
      expect(scanRequestedSchema.parse(message)).toMatchObject({
        scope: { accountIds: [ACCOUNT_2] },
        checks: [CHECK],
      });
    });

    it('should create a new scan for each request without an Idempotency-Key', async () => {
      const first = await post({ sourceId: orgSource });
      const second = await post({ sourceId: orgSource });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect((first.body as ScanBody).id).not.toBe((second.body as ScanBody).id);
    });

    it('should return the same scan (200) for the same key and body, publishing nothing new', async () => {
      const body = { sourceId: orgSource, regions: ['eu-west-1', 'eu-central-1'] };
      const first = await post(body, writer, 'repeat-me');
      expect(first.status).toBe(201);
      // The same selection in another order, and from another key of the tenant: the same request.
      const again = await post(
        { sourceId: orgSource, regions: ['eu-central-1', 'eu-west-1'] },
        admin,
        'repeat-me',
      );
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers['location']).toBeUndefined();
      expect(await outboxOf(REQUESTED, (first.body as ScanBody).id)).toHaveLength(1);
    });

    it('should refuse the same key with a different body (422), creating nothing', async () => {
      const first = await post({ sourceId: orgSource, regions: ['eu-west-1'] }, writer, 'one-body');
      expect(first.status).toBe(201);
      const before = await scanCount(tenantId);
      for (const body of [
        { sourceId: orgSource, regions: ['eu-west-2'] },
        { sourceId: orgSource },
        { sourceId: accountsSource, regions: ['eu-west-1'] },
        { sourceId: orgSource, regions: ['eu-west-1'], checks: [CHECK] },
      ]) {
        const response = await post(body, writer, 'one-body');
        expect(response.status).toBe(422);
        expect(fields(response.body)).toEqual(['header.Idempotency-Key']);
      }
      expect(await scanCount(tenantId)).toBe(before);
      expect(await outboxOf(REQUESTED, (first.body as ScanBody).id)).toHaveLength(1);
    });

    it('should create one scan and one outbox row for concurrent requests with one key', async () => {
      const body = { sourceId: orgSource, frameworks: [FRAMEWORK] };
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => post(body, writer, 'concurrent-key')),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      const ids = new Set(responses.map((r) => (r.body as ScanBody).id));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      const rows = await api.sql<{ id: string }>(
        `SELECT id FROM public.scans WHERE tenant_id = $1 AND idempotency_key = 'concurrent-key'`,
        [tenantId],
      );
      expect(rows).toEqual([{ id }]);
      const messages = await outboxOf(REQUESTED, id!);
      expect(messages).toHaveLength(1);
      expect(scanRequestedSchema.safeParse(messages[0]).success).toBe(true);
    });

    it('should scope idempotency keys per tenant', async () => {
      const mine = await post({ sourceId: orgSource }, writer, 'shared-key');
      const theirs = await post({ sourceId: other.source }, other.key, 'shared-key');
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect((theirs.body as ScanBody).id).not.toBe((mine.body as ScanBody).id);
    });

    it.each([
      ['a source id that is not a uuid', { sourceId: 'nope' }, ['body.sourceId']],
      ['no source id', { sourceId: undefined }, ['body.sourceId']],
      ['an unknown source', { sourceId: randomUUID() }, ['body.sourceId']],
      ['an unknown check', { checks: [CHECK, 'iam_no_such_check'] }, ['body.checks.1']],
      [
        'a region that is no AWS region',
        { regions: ['eu-west-1', 'moon-base-1'] },
        ['body.regions.1'],
      ],
      ['global as a region', { regions: ['global'] }, ['body.regions.0']],
      ['an unknown framework', { frameworks: ['pci-dss-4'] }, ['body.frameworks.0']],
      ['a malformed account id', { accountIds: ['12345'] }, ['body.accountIds.0']],
      ['a malformed OU id', { ouIds: ['engineering'] }, ['body.ouIds.0']],
      ['a repeated region', { regions: ['eu-west-1', 'eu-west-1'] }, ['body.regions.1']],
      ['an empty list', { accountIds: [] }, ['body.accountIds']],
      [
        'accounts and OUs',
        { accountIds: [ACCOUNT_1], ouIds: ['ou-ab12-cdef3456'] },
        ['body.ouIds'],
      ],
      ['frameworks and checks', { frameworks: [FRAMEWORK], checks: [CHECK] }, ['body.checks']],
      ['an unknown field', { accountIDs: [ACCOUNT_1] }, ['body']],
    ])('should refuse %s (422, the field named)', async (_name, patch, expected) => {
      const body = { sourceId: orgSource, ...patch };
      const before = await scanCount(tenantId);
      const response = await post(body);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fields(response.body)).toEqual(expected);
      expect(await scanCount(tenantId)).toBe(before);
    });

    it('should name an unknown field in the detail (a typo must not widen the scan)', async () => {
      const response = await post({ sourceId: orgSource, accountIDs: [ACCOUNT_1] });
      expect(response.status).toBe(422);
      expect((response.body as ProblemBody).detail).toContain('accountIDs');
    });

    it("should refuse another tenant's source as unknown", async () => {
      const response = await post({ sourceId: other.source });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['body.sourceId']);
    });

    it('should refuse a deleted source', async () => {
      const source = await createSource(tenantId, 'organization');
      await api.sql(`UPDATE public.sources SET deleted_at = now() WHERE id = $1`, [source]);
      const response = await post({ sourceId: source });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['body.sourceId']);
    });

    it('should refuse accounts an accounts source does not list, and OUs for it', async () => {
      const accounts = await post({
        sourceId: accountsSource,
        accountIds: [ACCOUNT_1, '999999999999'],
      });
      expect(accounts.status).toBe(422);
      expect(fields(accounts.body)).toEqual(['body.accountIds.1']);
      const ous = await post({ sourceId: accountsSource, ouIds: ['ou-ab12-cdef3456'] });
      expect(ous.status).toBe(422);
      expect(fields(ous.body)).toEqual(['body.ouIds']);
    });

    it.each([
      ['too long', 'k'.repeat(256)],
      ['in the scheduler’s namespace', 'schedule:abc'],
    ])('should refuse an Idempotency-Key %s (400, the header named)', async (_name, key) => {
      const before = await scanCount(tenantId);
      const response = await post({ sourceId: orgSource }, writer, key);
      expect(response.status).toBe(400);
      expect(fields(response.body)).toEqual(['header.Idempotency-Key']);
      expect(await scanCount(tenantId)).toBe(before);
    });

    it('should accept a 255-character Idempotency-Key', async () => {
      const response = await post({ sourceId: orgSource }, writer, 'k'.repeat(255));
      expect(response.status).toBe(201);
    });

    it('should refuse a findings:read key (403) and no key (401)', async () => {
      const refused = await post({ sourceId: orgSource }, reader);
      expect(refused.status).toBe(403);
      const anonymous = await api.request().post('/v1/scans').send({ sourceId: orgSource });
      expect(anonymous.status).toBe(401);
    });

    it('should record the write in the audit log with its key', async () => {
      const response = await post({ sourceId: orgSource });
      const id = (response.body as ScanBody).id;
      const rows = await api.sql<{ action: string; resource_id: string; status_code: number }>(
        `SELECT action, resource_id, status_code FROM public.audit_log
          WHERE tenant_id = $1 AND resource_id = $2`,
        [tenantId, id],
      );
      expect(rows).toEqual([{ action: 'POST /v1/scans', resource_id: id, status_code: 201 }]);
    });
  });

  describe('GET /v1/scans', () => {
    let listTenant: { tenantId: string; key: string };
    let sourceA: string;
    let sourceB: string;
    const ids: Record<string, string> = {};
    const day = (n: number) => new Date(Date.UTC(2026, 9, n, 12));

    beforeAll(async () => {
      listTenant = await api.createTenant('scans-list');
      sourceA = await createSource(listTenant.tenantId, 'organization', 'a');
      sourceB = await createSource(listTenant.tenantId, 'accounts', 'b');
      const seeds: [string, string, string, number][] = [
        ['s1', sourceA, 'completed', 1],
        ['s2', sourceB, 'failed', 2],
        ['s3', sourceA, 'running', 3],
        ['s4', sourceA, 'completed', 4],
        ['s5', sourceB, 'queued', 5],
      ];
      for (const [name, source, status, n] of seeds) {
        ids[name] = await seedScan(listTenant.tenantId, source, { status, requestedAt: day(n) });
      }
      await seedScan(other.tenantId, other.source, { requestedAt: day(3) });
    });

    const list = (query: string, key = listTenant.key) =>
      api.request().get(`/v1/scans${query}`).set(bearer(key));
    const names = (body: unknown) =>
      (body as PageBody<ScanBody>).items.map(
        (s) => Object.entries(ids).find(([, id]) => id === s.id)?.[0] ?? s.id,
      );

    it("should list the tenant's scans newest first (findings:read suffices)", async () => {
      const reading = await api.createKey(listTenant.tenantId, ['findings:read']);
      const response = await list('', reading);
      expect(response.status).toBe(200);
      expect(names(response.body)).toEqual(['s5', 's4', 's3', 's2', 's1']);
      expect((response.body as PageBody<ScanBody>).nextCursor).toBeNull();
      expect((response.body as PageBody<ScanBody>).items[0]).toMatchObject({
        id: ids['s5'],
        sourceId: sourceB,
        status: 'queued',
        trigger: { kind: 'cli' },
        requestedAt: day(5).toISOString(),
      });
    });

    it('should filter by status, source and request time', async () => {
      expect(names((await list('?status=completed')).body)).toEqual(['s4', 's1']);
      expect(names((await list(`?sourceId=${sourceB}`)).body)).toEqual(['s5', 's2']);
      const since = encodeURIComponent(day(2).toISOString());
      const until = encodeURIComponent(day(4).toISOString());
      expect(names((await list(`?since=${since}&until=${until}`)).body)).toEqual(['s3', 's2']);
      expect(names((await list(`?status=completed&sourceId=${sourceB}`)).body)).toEqual([]);
    });

    it('should page with a cursor without skipping or repeating a scan', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await list(query);
        expect(response.status).toBe(200);
        const page = response.body as PageBody<ScanBody>;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...names(page));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(seen).toEqual(['s5', 's4', 's3', 's2', 's1']);
      expect(pages).toBe(3);
    });

    it('should keep scans requested in the same millisecond apart across pages', async () => {
      const tenant = await api.createTenant('scans-same-ms');
      const source = await createSource(tenant.tenantId, 'organization');
      // Microseconds apart: a cursor at millisecond precision would lose one.
      await api.sql(
        `INSERT INTO public.scans (tenant_id, source_id, "trigger", requested_at)
         SELECT $1, $2, '{"kind":"cli"}', '2026-10-01T00:00:00.000001Z'::timestamptz + n * interval '1 microsecond'
           FROM generate_series(0, 4) AS n`,
        [tenant.tenantId, source],
      );
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const response = await api
          .request()
          .get(`/v1/scans?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(bearer(tenant.key));
        const page = response.body as PageBody<ScanBody>;
        for (const item of page.items) seen.add(item.id);
        cursor = page.nextCursor;
      } while (cursor !== null && seen.size < 10);
      expect(seen.size).toBe(5);
    });

    it.each([
      ['status', '?status=done', 'query.status'],
      ['sourceId', '?sourceId=abc', 'query.sourceId'],
      ['since', '?since=yesterday', 'query.since'],
      [
        'until before since',
        `?since=2026-10-05T00:00:00Z&until=2026-10-01T00:00:00Z`,
        'query.until',
      ],
      ['limit', '?limit=0', 'query.limit'],
      ['cursor', '?cursor=not-a-cursor', 'query.cursor'],
    ])('should refuse a bad %s (400, the parameter named)', async (_name, query, field) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(fields(response.body)).toEqual([field]);
    });
  });

  describe('GET /v1/scans/{id} and /v1/scans/{id}/jobs', () => {
    let scanId: string;
    const jobIds: Record<string, string> = {};

    async function seedJob(
      scan: string,
      accountId: string,
      columns: Record<string, unknown>,
      scope = 'account',
    ): Promise<string> {
      const names = Object.keys(columns);
      const [row] = await api.sql<{ id: string }>(
        `INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope${names.map((n) => `, ${n}`).join('')})
         VALUES ($1, $2, $3, $4${names.map((_, i) => `, $${i + 5}`).join('')}) RETURNING id`,
        [tenantId, scan, accountId, scope, ...Object.values(columns)],
      );
      return row!.id;
    }

    beforeAll(async () => {
      scanId = await seedScan(tenantId, orgSource, { status: 'running' });
      await api.sql(
        `UPDATE public.scans SET started_at = '2026-11-01T10:00:00Z',
           counts = '{"accountsTotal": 5, "accountsDone": 1, "findingsNew": 7, "somethingElse": 3}'
         WHERE id = $1`,
        [scanId],
      );
      jobIds['running'] = await seedJob(scanId, '100000000001', {
        status: 'running',
        started_at: '2026-11-01T10:01:00Z',
        result: JSON.stringify({
          progress: {
            regionsDone: 3,
            regionsTotal: 17,
            checksDone: 12,
            at: '2026-11-01T10:03:00.000Z',
          },
        }),
      });
      jobIds['succeeded'] = await seedJob(scanId, '100000000002', {
        status: 'succeeded',
        started_at: '2026-11-01T10:01:00Z',
        finished_at: '2026-11-01T10:09:00Z',
        result: JSON.stringify({
          scopes: 40,
          results: 310,
          batches: 2,
          errors: [
            { region: 'ap-east-1', code: 'REGION_NOT_ENABLED', message: 'not enabled' },
            {
              region: 'eu-west-1',
              checkId: 's3_bucket_public_access_blocked',
              collector: 's3.buckets',
              code: 'ACCESS_DENIED',
              message: 'AccessDenied: s3:GetBucketPolicy',
            },
          ],
          regions: { scanned: ['eu-west-1', 'us-east-1'], notEnabled: ['ap-east-1'], failed: [] },
          apiCalls: 120,
          timings: { startedAt: '2026-11-01T10:01:00.000Z', durationMs: 480000 },
          cancelled: false,
        }),
        // The job message discovery emitted: never part of a response.
        payload: JSON.stringify({ roleChain: ['arn:aws:iam::100000000002:role/PalisadeScan'] }),
      });
      jobIds['failed'] = await seedJob(scanId, '100000000003', {
        status: 'failed',
        error_code: 'ASSUME_ROLE_DENIED',
        error_message: 'User is not authorized to perform sts:AssumeRole',
        finished_at: '2026-11-01T10:00:30Z',
      });
      jobIds['skipped'] = await seedJob(scanId, '100000000004', {
        status: 'skipped',
        skip_reason: 'SUSPENDED',
        error_message: 'the account is suspended',
      });
      jobIds['pending'] = await seedJob(scanId, '100000000005', {});
      jobIds['organization'] = await seedJob(
        scanId,
        ACCOUNT_1,
        { status: 'pending' },
        'organization',
      );
    });

    const get = (path: string, key = reader) => api.request().get(path).set(bearer(key));

    it('should show the scan with job totals and per-account progress and errors', async () => {
      const response = await get(`/v1/scans/${scanId}`);
      expect(response.status).toBe(200);
      const detail = response.body as DetailBody;
      expect(detail).toMatchObject({
        id: scanId,
        status: 'running',
        startedAt: '2026-11-01T10:00:00.000Z',
        cancelRequestedAt: null,
        counts: { accountsTotal: 5, accountsDone: 1, findingsNew: 7 },
        jobTotals: {
          total: 6,
          pending: 2,
          running: 1,
          succeeded: 1,
          failed: 1,
          skipped: 1,
          cancelled: 0,
          withErrors: 2,
        },
        accountsNextCursor: null,
      });
      expect(detail.counts).not.toHaveProperty('somethingElse');
      expect(JSON.stringify(detail)).not.toContain('roleChain');
      const byAccount = Object.fromEntries(
        detail.accounts.map((j) => [`${j.scope}:${j.accountId}`, j]),
      );
      expect(detail.accounts.map((j) => `${j.scope}:${j.accountId}`)).toEqual([
        'account:100000000001',
        'account:100000000002',
        'account:100000000003',
        'account:100000000004',
        'account:100000000005',
        `organization:${ACCOUNT_1}`,
      ]);
      expect(byAccount['account:100000000001']).toEqual({
        jobId: jobIds['running'],
        accountId: '100000000001',
        scope: 'account',
        status: 'running',
        progress: {
          regionsDone: 3,
          regionsTotal: 17,
          checksDone: 12,
          at: '2026-11-01T10:03:00.000Z',
        },
        result: null,
        skip: null,
        errors: [],
        errorsTotal: 0,
        startedAt: '2026-11-01T10:01:00.000Z',
        finishedAt: null,
      });
      expect(byAccount['account:100000000002']).toMatchObject({
        status: 'succeeded',
        progress: null,
        result: {
          scopesEvaluated: 40,
          results: 310,
          regionsScanned: ['eu-west-1', 'us-east-1'],
          regionsNotEnabled: ['ap-east-1'],
          cancelled: false,
        },
        errors: [
          { region: 'ap-east-1', code: 'REGION_NOT_ENABLED', message: 'not enabled' },
          {
            region: 'eu-west-1',
            checkId: 's3_bucket_public_access_blocked',
            collector: 's3.buckets',
            code: 'ACCESS_DENIED',
            message: 'AccessDenied: s3:GetBucketPolicy',
          },
        ],
        errorsTotal: 2,
        finishedAt: '2026-11-01T10:09:00.000Z',
      });
      expect(byAccount['account:100000000003']).toMatchObject({
        status: 'failed',
        errors: [
          {
            code: 'ASSUME_ROLE_DENIED',
            message: 'User is not authorized to perform sts:AssumeRole',
          },
        ],
        errorsTotal: 1,
      });
      expect(byAccount['account:100000000004']).toMatchObject({
        status: 'skipped',
        skip: { reason: 'SUSPENDED', message: 'the account is suspended' },
        errors: [],
      });
      expect(byAccount[`organization:${ACCOUNT_1}`]).toMatchObject({ status: 'pending' });
    });

    it('should cap the embedded jobs and page through the rest from the cursor it gives', async () => {
      const big = await seedScan(tenantId, orgSource, { status: 'running' });
      await api.sql(
        `INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope)
         SELECT $1, $2, lpad(n::text, 12, '0'), 'account' FROM generate_series(1, 130) AS n`,
        [tenantId, big],
      );
      const detail = (await get(`/v1/scans/${big}`)).body as DetailBody;
      expect(detail.jobTotals.total).toBe(130);
      expect(detail.accounts).toHaveLength(100);
      expect(detail.accounts[99]?.accountId).toBe('000000000100');
      expect(detail.accountsNextCursor).not.toBeNull();
      const rest = await get(
        `${detail.links.jobs}?limit=500&cursor=${encodeURIComponent(detail.accountsNextCursor!)}`,
      );
      expect(rest.status).toBe(200);
      const page = rest.body as PageBody<JobBody>;
      expect(page.items.map((j) => j.accountId)).toEqual(
        Array.from({ length: 30 }, (_, i) => String(101 + i).padStart(12, '0')),
      );
      expect(page.nextCursor).toBeNull();
    });

    it('should list jobs by status, paginated', async () => {
      const pending = await get(`/v1/scans/${scanId}/jobs?status=pending`);
      expect(pending.status).toBe(200);
      expect((pending.body as PageBody<JobBody>).items.map((j) => j.jobId)).toEqual([
        jobIds['pending'],
        jobIds['organization'],
      ]);
      const first = (await get(`/v1/scans/${scanId}/jobs?limit=4`)).body as PageBody<JobBody>;
      expect(first.items).toHaveLength(4);
      const second = (
        await get(
          `/v1/scans/${scanId}/jobs?limit=4&cursor=${encodeURIComponent(first.nextCursor!)}`,
        )
      ).body as PageBody<JobBody>;
      expect(second.items.map((j) => j.jobId)).toEqual([jobIds['pending'], jobIds['organization']]);
      expect(second.nextCursor).toBeNull();
    });

    it("should answer 404 for another tenant's scan exactly as for a scan that does not exist", async () => {
      const theirs = await seedScan(other.tenantId, other.source);
      const missing = randomUUID();
      for (const path of ['', '/jobs']) {
        const foreign = await get(`/v1/scans/${theirs}${path}`);
        const nowhere = await get(`/v1/scans/${missing}${path}`);
        expect([foreign.status, nowhere.status]).toEqual([404, 404]);
        const strip = (body: unknown, id: string) => {
          const { instance: _instance, ...rest } = body as ProblemBody & { instance: string };
          return { ...rest, detail: rest.detail.replace(id, '<id>') };
        };
        expect(strip(foreign.body, theirs)).toEqual(strip(nowhere.body, missing));
      }
      // And they cannot see ours.
      const ours = await get(`/v1/scans/${scanId}`, other.key);
      expect(ours.status).toBe(404);
    });

    it('should refuse a malformed id and bad job filters (400, the parameter named)', async () => {
      const badId = await get('/v1/scans/not-a-uuid');
      expect(badId.status).toBe(400);
      expect(fields(badId.body)).toEqual(['param.id']);
      const badStatus = await get(`/v1/scans/${scanId}/jobs?status=done`);
      expect(badStatus.status).toBe(400);
      expect(fields(badStatus.body)).toEqual(['query.status']);
      const badCursor = await get(`/v1/scans/${scanId}/jobs?cursor=eyJ4IjoxfQ`);
      expect(badCursor.status).toBe(400);
      expect(fields(badCursor.body)).toEqual(['query.cursor']);
    });

    it('should refuse reads without the findings:read scope', async () => {
      const writeOnly = await get(`/v1/scans/${scanId}`, writer);
      expect(writeOnly.status).toBe(403);
    });
  });

  describe('POST /v1/scans/{id}/cancel', () => {
    const cancel = (id: string, key = writer) =>
      api.request().post(`/v1/scans/${id}/cancel`).set(bearer(key));

    it('should record the cancel request and enqueue scan.control once (202, idempotent)', async () => {
      const created = await post({ sourceId: orgSource });
      const id = (created.body as ScanBody).id;
      const first = await cancel(id);
      expect(first.status).toBe(202);
      const scan = first.body as ScanBody;
      expect(scan).toMatchObject({ id, status: 'queued' });
      expect(scan.cancelRequestedAt).not.toBeNull();
      const [row] = await api.sql<{ cancel_requested_at: Date }>(
        `SELECT cancel_requested_at FROM public.scans WHERE id = $1`,
        [id],
      );
      expect(row?.cancel_requested_at.toISOString()).toBe(scan.cancelRequestedAt);

      const messages = await outboxOf(CONTROL, id);
      expect(messages).toHaveLength(1);
      expect(scanControlSchema.parse(messages[0])).toEqual({
        schemaVersion: 1,
        scanId: id,
        tenantId,
        action: 'cancel',
        requestedAt: scan.cancelRequestedAt,
      });

      const again = await cancel(id);
      expect(again.status).toBe(202);
      expect((again.body as ScanBody).cancelRequestedAt).toBe(scan.cancelRequestedAt);
      expect(await outboxOf(CONTROL, id)).toHaveLength(1);
    });

    it('should cancel a running scan, and enqueue one message for concurrent cancels', async () => {
      const id = await seedScan(tenantId, orgSource, { status: 'running' });
      const responses = await Promise.all(Array.from({ length: 5 }, () => cancel(id)));
      expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
      expect(new Set(responses.map((r) => (r.body as ScanBody).cancelRequestedAt)).size).toBe(1);
      expect(await outboxOf(CONTROL, id)).toHaveLength(1);
    });

    it.each(['completed', 'completed_with_errors', 'failed', 'cancelled'])(
      'should refuse to cancel a %s scan (409), enqueuing nothing',
      async (status) => {
        const id = await seedScan(tenantId, orgSource, { status: 'running' });
        await api.sql(`UPDATE public.scans SET status = $2, finished_at = now() WHERE id = $1`, [
          id,
          status,
        ]);
        const response = await cancel(id);
        expect(response.status).toBe(409);
        expect((response.body as ProblemBody).detail).toContain(status);
        expect(await outboxOf(CONTROL, id)).toHaveLength(0);
        const [row] = await api.sql<{ cancel_requested_at: Date | null }>(
          `SELECT cancel_requested_at FROM public.scans WHERE id = $1`,
          [id],
        );
        expect(row?.cancel_requested_at).toBeNull();
      },
    );

    it('should answer a repeated cancel with 202 after the scan closed as cancelled', async () => {
      const id = await seedScan(tenantId, orgSource, { status: 'running' });
      expect((await cancel(id)).status).toBe(202);
      await api.sql(
        `UPDATE public.scans SET status = 'cancelled', finished_at = now() WHERE id = $1`,
        [id],
      );
      const again = await cancel(id);
      expect(again.status).toBe(202);
      expect((again.body as ScanBody).status).toBe('cancelled');
      expect(await outboxOf(CONTROL, id)).toHaveLength(1);
    });

    it("should answer 404 for another tenant's scan and leave it alone", async () => {
      const theirs = await seedScan(other.tenantId, other.source, { status: 'running' });
      const response = await cancel(theirs);
      expect(response.status).toBe(404);
      const [row] = await api.sql<{ cancel_requested_at: Date | null }>(
        `SELECT cancel_requested_at FROM public.scans WHERE id = $1`,
        [theirs],
      );
      expect(row?.cancel_requested_at).toBeNull();
      expect(await outboxOf(CONTROL, theirs)).toHaveLength(0);
      expect((await cancel(randomUUID())).status).toBe(404);
    });

    it('should refuse a findings:read key (403) and a malformed id (400)', async () => {
      const id = await seedScan(tenantId, orgSource);
      expect((await cancel(id, reader)).status).toBe(403);
      const bad = await cancel('1234');
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['param.id']);
    });
  });
});
