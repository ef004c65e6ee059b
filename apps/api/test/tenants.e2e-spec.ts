import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { type ApiTestApp, startApiTestApp } from './support/api-test-app';

interface TenantBody {
  id: string;
  slug: string;
  name: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}
interface CreatedBody extends TenantBody {
  apiKey: { id: string; key: string; scopes: string[]; createdBy: string; status: string };
}
interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}
interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
}
interface ExportLine {
  table: string;
  row: Record<string, unknown>;
}

const REPO = resolve(__dirname, '../../..');
const hex64 = (seed: string) => createHash('sha256').update(seed).digest('hex');

/** The operator key exactly as the documented bootstrap prints it. */
function bootstrapOperatorKey(): string {
  return execFileSync('npm', ['run', '-s', 'operator-key'], { cwd: REPO, encoding: 'utf8' }).trim();
}

describe('/v1/tenants (operator)', () => {
  let api: ApiTestApp;
  let operatorKey: string;

  const op = () => ({ Authorization: `Bearer ${operatorKey}` });
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  /** Every table of the database with a tenant's rows (tenant_id column), and `tenants`. */
  async function tenantTables(): Promise<string[]> {
    const rows = await api.sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name <> 'outbox'
        ORDER BY table_name`,
    );
    return ['tenants', ...rows.map((r) => r.table_name)];
  }

  async function countsOf(tenantId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of await tenantTables()) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      const [row] = await api.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM public.${table} WHERE ${column} = $1`,
        [tenantId],
      );
      counts[table] = row?.n ?? 0;
    }
    return counts;
  }

  /** A row in every tenant table (findings: `findings` of them, to span export batches). */
  async function seedEverything(tenantId: string, findings = 3): Promise<void> {
    const sql = api.sql.bind(api);
    await sql(
      `INSERT INTO public.tenant_settings (tenant_id, external_id) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO NOTHING`,
      [tenantId, 'x'.repeat(40)],
    );
    const [source] = await sql<{ id: string }>(
      `INSERT INTO public.sources (tenant_id, name, kind, config)
       VALUES ($1, 'main', 'accounts', '{}') RETURNING id`,
      [tenantId],
    );
    const sourceId = (source as { id: string }).id;
    await sql(
      `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, path)
       VALUES ($1, $2, 'ou-ab12-cdef3456', 'Prod', '/Root/Prod')`,
      [tenantId, sourceId],
    );
    await sql(
      `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state, first_seen_at, last_seen_at)
       VALUES ($1, $2, '111122223333', 'prod', 'ACTIVE', now(), now())`,
      [tenantId, sourceId],
    );
    await sql(
      `INSERT INTO public.schedules (tenant_id, source_id, name, cron, time_zone, next_run_at)
       VALUES ($1, $2, 'nightly', '0 2 * * *', 'UTC', now() + interval '1 hour')`,
      [tenantId, sourceId],
    );
    const [scan] = await sql<{ id: string }>(
      `INSERT INTO public.scans (tenant_id, source_id, "trigger", status)
       VALUES ($1, $2, '{"kind":"api"}', 'running') RETURNING id`,
      [tenantId, sourceId],
    );
    const scanId = (scan as { id: string }).id;
    const [job] = await sql<{ id: string }>(
      `INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope)
       VALUES ($1, $2, '111122223333', 'account') RETURNING id`,
      [tenantId, scanId],
    );
    const jobId = (job as { id: string }).id;
    await sql(
      `INSERT INTO public.scan_job_scopes (tenant_id, job_id, account_id, region, check_id)
       VALUES ($1, $2, '111122223333', 'eu-west-1', 'iam_root_mfa_enabled')`,
      [tenantId, jobId],
    );
    await sql(
      `INSERT INTO public.scan_job_batches (tenant_id, job_id, batch_seq, items) VALUES ($1, $2, 0, 1)`,
      [tenantId, jobId],
    );
    await sql(
      `INSERT INTO public.inspector_watermarks (tenant_id, account_id, region, updated_at_watermark)
       VALUES ($1, '111122223333', 'eu-west-1', now())`,
      [tenantId],
    );
    await sql(
      `INSERT INTO public.suppression_rules (tenant_id, reason, author) VALUES ($1, 'accepted', 'test')`,
      [tenantId],
    );
    await sql(
      `INSERT INTO public.findings (tenant_id, uid, kind, account_id, region, check_id, resource_uid,
         resource_type, title, severity, status, first_seen_at, last_seen_at, state_at, scan_id,
         job_id, ocsf)
       SELECT $1::uuid, encode(sha256(($1::uuid::text || i)::bytea), 'hex'), 'check', '111122223333',
              'eu-west-1', 'iam_root_mfa_enabled', 'arn:aws:iam::111122223333:root#' || i,
              'AwsIamUser', 'Root MFA', 'high', 'new', now(), now(), now(), $2, $3,
              jsonb_build_object('n', i)
         FROM generate_series(1, $4::int) AS i`,
      [tenantId, scanId, jobId, findings],
    );
    await sql(
      `INSERT INTO public.finding_history (tenant_id, finding_uid, change, to_status, observed_at)
       VALUES ($1, $2, 'new', 'new', now())`,
      [tenantId, hex64(`${tenantId}1`)],
    );
    await sql(
      `INSERT INTO public.posture_snapshots (tenant_id, day, account_id, framework, passed, failed,
         manual, errored, suppressed)
       VALUES ($1, current_date, '111122223333', 'cis', 1, 1, 0, 0, 0)`,
      [tenantId],
    );
    const [webhook] = await sql<{ id: string }>(
      `INSERT INTO public.webhooks (tenant_id, url, events, secret_ciphertext)
       VALUES ($1, 'https://hooks.example.com/p', '{finding.new}', '\\xdeadbeef') RETURNING id`,
      [tenantId],
    );
    await sql(
      `INSERT INTO public.webhook_deliveries (tenant_id, webhook_id, event_id, event_type, payload)
       VALUES ($1, $2, 'evt-1', 'finding.new', '{}')`,
      [tenantId, (webhook as { id: string }).id],
    );
    await sql(
      `INSERT INTO public.audit_log (tenant_id, actor_kind, actor_key_id, action, method, path, status_code)
       VALUES ($1, 'tenant', 'seed', 'POST /v1/seed', 'POST', '/v1/seed', 201)`,
      [tenantId],
    );
  }

  async function createThroughApi(name: string, slug?: string): Promise<CreatedBody> {
    const response = await api
      .request()
      .post('/v1/tenants')
      .set(op())
      .send(slug === undefined ? { name } : { name, slug });
    expect(response.status).toBe(201);
    return response.body as CreatedBody;
  }

  async function exportLines(tenantId: string): Promise<ExportLine[]> {
    const response = await api
      .request()
      .get(`/v1/tenants/${tenantId}/export`)
      .set(op())
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const text = response.body as string;
    expect(text.endsWith('\n')).toBe(true);
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ExportLine);
  }

  beforeAll(async () => {
    operatorKey = bootstrapOperatorKey();
    api = await startApiTestApp({ OPERATOR_KEY: operatorKey });
  });
  afterAll(async () => {
    await api.close();
  });

  describe('bootstrap and access', () => {
    it('should print an operator key with `npm run -s operator-key` that the api accepts', async () => {
      expect(operatorKey).toMatch(/^pal_op_[A-Za-z0-9_-]{43}$/);
      expect(bootstrapOperatorKey()).not.toBe(operatorKey);
      const response = await api.request().get('/v1/tenants').set(op());
      expect(response.status).toBe(200);
    });

    it('should refuse a tenant key on tenant management (403), and the operator key on tenant data (403)', async () => {
      const tenant = await api.createTenant();
      const asTenant = await api.request().get('/v1/tenants').set(bearer(tenant.key));
      expect(asTenant.status).toBe(403);
      expect((asTenant.body as ProblemBody).detail).toBe('this route needs an operator key');
      const create = await api
        .request()
        .post('/v1/tenants')
        .set(bearer(tenant.key))
        .send({ name: 'Sneaky' });
      expect(create.status).toBe(403);
      const asOperator = await api.request().get('/v1/api-keys').set(op());
      expect(asOperator.status).toBe(403);
      const settings = await api.request().get('/v1/settings').set(op());
      expect(settings.status).toBe(403);
    });

    it('should refuse an operator key that is not the configured one (401)', async () => {
      const response = await api
        .request()
        .get('/v1/tenants')
        .set(bearer(`pal_op_${'Z'.repeat(43)}`));
      expect(response.status).toBe(401);
    });
  });

  describe('POST /v1/tenants', () => {
    it('should create the tenant and its first admin key, shown once and working at once', async () => {
      const created = await createThroughApi('Acme Corp — EU');
      expect(created).toMatchObject({
        slug: 'acme-corp-eu',
        name: 'Acme Corp — EU',
        status: 'active',
      });
      expect(created.apiKey).toMatchObject({
        scopes: ['admin'],
        createdBy: 'operator',
        status: 'active',
      });
      expect(created.apiKey.key).toMatch(
        new RegExp(`^pal_${created.apiKey.id}_[A-Za-z0-9_-]{43}$`),
      );

      const keys = await api.request().get('/v1/api-keys').set(bearer(created.apiKey.key));
      expect(keys.status).toBe(200);
      const listed = (keys.body as PageBody<Record<string, unknown>>).items;
      expect(listed.map((k) => k['id'])).toEqual([created.apiKey.id]);
      expect(JSON.stringify(keys.body)).not.toContain(
        created.apiKey.key.slice(`pal_${created.apiKey.id}_`.length),
      );

      const [settings] = await api.sql<{ external_id: string }>(
        `SELECT external_id FROM public.tenant_settings WHERE tenant_id = $1`,
        [created.id],
      );
      expect(settings?.external_id.length).toBeGreaterThanOrEqual(32);
      const [audit] = await api.sql<{
        actor_kind: string;
        status_code: number;
        resource_id: string;
      }>(`SELECT actor_kind, status_code, resource_id FROM public.audit_log WHERE tenant_id = $1`, [
        created.id,
      ]);
      expect(audit).toEqual({ actor_kind: 'operator', status_code: 201, resource_id: created.id });
    });

    it('should take a given slug, and refuse a taken one with 409', async () => {
      const created = await createThroughApi('Globex', 'globex-prod');
      expect(created.slug).toBe('globex-prod');
      const again = await api
        .request()
        .post('/v1/tenants')
        .set(op())
        .send({ name: 'Globex two', slug: 'globex-prod' });
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((again.body as ProblemBody).detail).toContain('globex-prod');
      const [row] = await api.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM public.tenants WHERE name = 'Globex two'`,
      );
      expect(row?.n).toBe(0);
    });

    it('should name each refused field (422)', async () => {
      const cases: [unknown, string][] = [
        [{}, 'body.name'],
        [{ name: '' }, 'body.name'],
        [{ name: 'x'.repeat(201) }, 'body.name'],
        [{ name: 'Ok', slug: 'Not A Slug' }, 'body.slug'],
        [{ name: 'Ok', slug: '-edge' }, 'body.slug'],
        [{ name: '株式会社' }, 'body.slug'],
      ];
      for (const [body, field] of cases) {
        const response = await api
          .request()
          .post('/v1/tenants')
          .set(op())
          .send(body as object);
        expect({ body, status: response.status }).toEqual({ body, status: 422 });
        expect((response.body as ProblemBody).errors?.map((e) => e.field)).toContain(field);
      }
    });
  });

  describe('GET /v1/tenants and /v1/tenants/{id}', () => {
    it('should page through every tenant, oldest first, without repeats', async () => {
      for (let i = 0; i < 5; i++) await createThroughApi(`Paged ${i} ${randomUUID().slice(0, 6)}`);
      const [total] = await api.sql<{ n: number }>(`SELECT count(*)::int AS n FROM public.tenants`);
      const seen: TenantBody[] = [];
      let cursor: string | null = null;
      do {
        const response = await api
          .request()
          .get('/v1/tenants')
          .query(cursor === null ? { limit: 2 } : { limit: 2, cursor })
          .set(op());
        expect(response.status).toBe(200);
        const page = response.body as PageBody<TenantBody>;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toHaveLength(total?.n ?? -1);
      expect(new Set(seen.map((t) => t.id)).size).toBe(seen.length);
      const times = seen.map((t) => Date.parse(t.createdAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('should filter by status and refuse bad query parameters (400)', async () => {
      const active = await api.request().get('/v1/tenants?status=active&limit=500').set(op());
      expect((active.body as PageBody<TenantBody>).items.every((t) => t.status === 'active')).toBe(
        true,
      );
      for (const [query, field] of [
        ['status=gone', 'query.status'],
        ['limit=0', 'query.limit'],
        ['cursor=not-a-cursor', 'query.cursor'],
      ] as const) {
        const response = await api.request().get(`/v1/tenants?${query}`).set(op());
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect((response.body as ProblemBody).errors?.map((e) => e.field)).toContain(field);
      }
    });

    it('should get one tenant; 404 for an unknown id, 400 for a malformed one', async () => {
      const created = await createThroughApi(`Single ${randomUUID().slice(0, 6)}`);
      const response = await api.request().get(`/v1/tenants/${created.id}`).set(op());
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: created.id,
        slug: created.slug,
        name: created.name,
        status: 'active',
        createdAt: created.createdAt,
        updatedAt: created.updatedAt,
      });
      const unknown = await api.request().get(`/v1/tenants/${randomUUID()}`).set(op());
      expect(unknown.status).toBe(404);
      const malformed = await api.request().get('/v1/tenants/not-a-uuid').set(op());
      expect(malformed.status).toBe(400);
      expect((malformed.body as ProblemBody).errors?.[0]?.field).toBe('param.id');
    });
  });

  describe('PATCH /v1/tenants/{id}', () => {
    it('should rename the tenant and record it in that tenant’s audit log', async () => {
      const created = await createThroughApi(`Before ${randomUUID().slice(0, 6)}`);
      const response = await api
        .request()
        .patch(`/v1/tenants/${created.id}`)
        .set(op())
        .send({ name: 'After' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: created.id, name: 'After', slug: created.slug });
      const rows = await api.sql<{ action: string; actor_key_id: string; status_code: number }>(
        `SELECT action, actor_key_id, status_code FROM public.audit_log
          WHERE tenant_id = $1 AND method = 'PATCH'`,
        [created.id],
      );
      expect(rows).toEqual([
        { action: 'PATCH /v1/tenants/:id', actor_key_id: 'operator', status_code: 200 },
      ]);
    });

    it('should answer 404 for an unknown tenant without writing an audit row for it, and 422 for a bad name', async () => {
      const id = randomUUID();
      const response = await api.request().patch(`/v1/tenants/${id}`).set(op()).send({ name: 'X' });
      expect(response.status).toBe(404);
      const rows = await api.sql(`SELECT 1 FROM public.audit_log WHERE tenant_id = $1`, [id]);
      expect(rows).toHaveLength(0);
      const created = await createThroughApi(`Named ${randomUUID().slice(0, 6)}`);
      const bad = await api
        .request()
        .patch(`/v1/tenants/${created.id}`)
        .set(op())
        .send({ name: '' });
      expect(bad.status).toBe(422);
      expect((bad.body as ProblemBody).errors?.[0]?.field).toBe('body.name');
    });
  });

  describe('offboarding', () => {
    it('should refuse the tenant’s keys at once, disable its schedules and cancel its running scans, and no other tenant’s', async () => {
      const leaving = await createThroughApi(`Leaving ${randomUUID().slice(0, 6)}`);
      const staying = await api.createTenant();
      await seedEverything(leaving.id);
      await seedEverything(staying.tenantId);
      const readKey = await api.createKey(leaving.id, ['findings:read']);
      expect((await api.request().get('/v1/settings').set(bearer(readKey))).status).toBe(200);

      const response = await api.request().post(`/v1/tenants/${leaving.id}/offboard`).set(op());
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: leaving.id,
        status: 'offboarding',
        offboarding: { schedulesDisabled: 1, scansCancelled: 1 },
      });

      for (const key of [leaving.apiKey.key, readKey]) {
        const refused = await api.request().get('/v1/settings').set(bearer(key));
        expect(refused.status).toBe(401);
      }
      const schedules = await api.sql<{ tenant_id: string; enabled: boolean }>(
        `SELECT tenant_id, enabled FROM public.schedules WHERE tenant_id = ANY ($1::uuid[])`,
        [[leaving.id, staying.tenantId]],
      );
      expect(schedules).toEqual(
        expect.arrayContaining([
          { tenant_id: leaving.id, enabled: false },
          { tenant_id: staying.tenantId, enabled: true },
        ]),
      );
      const due = await api.sql<{ tenant_id: string }>(
        `SELECT tenant_id FROM public.schedules WHERE enabled AND tenant_id = $1`,
        [leaving.id],
      );
      expect(due).toHaveLength(0);
      const scans = await api.sql<{ tenant_id: string; cancelled: boolean }>(
        `SELECT tenant_id, cancel_requested_at IS NOT NULL AS cancelled FROM public.scans
          WHERE tenant_id = ANY ($1::uuid[])`,
        [[leaving.id, staying.tenantId]],
      );
      expect(scans).toEqual(
        expect.arrayContaining([
          { tenant_id: leaving.id, cancelled: true },
          { tenant_id: staying.tenantId, cancelled: false },
        ]),
      );
      const control = await api.sql<{ value: { action: string; tenantId: string } }>(
        `SELECT value FROM public.outbox WHERE topic = 'palisade.scan.control.v1' AND tenant_id = $1`,
        [leaving.id],
      );
      expect(control.map((r) => r.value)).toEqual([
        expect.objectContaining({ action: 'cancel', tenantId: leaving.id }),
      ]);
      expect((await api.request().get('/v1/settings').set(bearer(staying.key))).status).toBe(200);

      const again = await api.request().post(`/v1/tenants/${leaving.id}/offboard`).set(op());
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        status: 'offboarding',
        offboarding: { schedulesDisabled: 0, scansCancelled: 0 },
      });
    });

    it('should answer 404 for an unknown tenant and 400 for a malformed id', async () => {
      expect(
        (await api.request().post(`/v1/tenants/${randomUUID()}/offboard`).set(op())).status,
      ).toBe(404);
      expect((await api.request().post('/v1/tenants/nope/offboard').set(op())).status).toBe(400);
    });
  });

  describe('GET /v1/tenants/{id}/export', () => {
    it('should stream a row of every tenant table as JSON Lines, secrets left out, no other tenant’s rows', async () => {
      const leaving = await createThroughApi(`Exported ${randomUUID().slice(0, 6)}`);
      const other = await api.createTenant();
      await seedEverything(leaving.id, 1_234);
      await seedEverything(other.tenantId);
      expect(
        (await api.request().post(`/v1/tenants/${leaving.id}/offboard`).set(op())).status,
      ).toBe(200);

      const lines = await exportLines(leaving.id);
      const tables = [...new Set(lines.map((l) => l.table))].sort();
      expect(tables).toEqual((await tenantTables()).sort());
      expect(lines[0]).toEqual({
        table: 'tenants',
        row: expect.objectContaining({ id: leaving.id, status: 'offboarding' }) as unknown,
      });
      for (const line of lines) {
        const owner = line.table === 'tenants' ? line.row['id'] : line.row['tenant_id'];
        expect({ table: line.table, owner }).toEqual({ table: line.table, owner: leaving.id });
      }
      const counts = await countsOf(leaving.id);
      const exported: Record<string, number> = {};
      for (const line of lines) exported[line.table] = (exported[line.table] ?? 0) + 1;
      expect(exported).toEqual(counts);
      expect(exported['findings']).toBe(1_234);

      const keys = lines.filter((l) => l.table === 'api_keys');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(key.row).not.toHaveProperty('secret_sha256');
      const hooks = lines.filter((l) => l.table === 'webhooks');
      expect(hooks).toHaveLength(1);
      expect(hooks[0]?.row).not.toHaveProperty('secret_ciphertext');
      expect(hooks[0]?.row).toHaveProperty('url', 'https://hooks.example.com/p');
    });

    it('should answer 404 (problem+json) for an unknown tenant and 400 for a malformed id', async () => {
      const unknown = await api.request().get(`/v1/tenants/${randomUUID()}/export`).set(op());
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await api.request().get('/v1/tenants/1/export').set(op())).status).toBe(400);
    });
  });

  describe('DELETE /v1/tenants/{id}', () => {
    it('should refuse a tenant that is not offboarding (409, saying to offboard first)', async () => {
      const created = await createThroughApi(`Active ${randomUUID().slice(0, 6)}`);
      const response = await api.request().delete(`/v1/tenants/${created.id}`).set(op());
      expect(response.status).toBe(409);
      expect((response.body as ProblemBody).detail).toMatch(/offboard the tenant first/);
      expect((await api.request().get('/v1/api-keys').set(bearer(created.apiKey.key))).status).toBe(
        200,
      );
    });

    it('should delete every row of the offboarded tenant in every table but a tombstone and one audit row, and no other tenant’s', async () => {
      const leaving = await createThroughApi(`Deleted ${randomUUID().slice(0, 6)}`);
      const other = await api.createTenant();
      await seedEverything(leaving.id, 50);
      await seedEverything(other.tenantId, 50);
      const otherBefore = await countsOf(other.tenantId);
      expect(Object.values(otherBefore).every((n) => n > 0)).toBe(true);
      expect(
        (await api.request().post(`/v1/tenants/${leaving.id}/offboard`).set(op())).status,
      ).toBe(200);

      const response = await api.request().delete(`/v1/tenants/${leaving.id}`).set(op());
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: leaving.id, status: 'deleted' });
      expect((response.body as { deletedRows: Record<string, number> }).deletedRows).toMatchObject({
        findings: 50,
        api_keys: 1,
      });

      const after = await countsOf(leaving.id);
      const expected = Object.fromEntries(Object.keys(after).map((table) => [table, 0]));
      expect(after).toEqual({ ...expected, tenants: 1, audit_log: 1 });
      const [audit] = await api.sql<Record<string, unknown>>(
        `SELECT actor_kind, actor_key_id, action, status_code, resource_id FROM public.audit_log
          WHERE tenant_id = $1`,
        [leaving.id],
      );
      expect(audit).toEqual({
        actor_kind: 'operator',
        actor_key_id: 'operator',
        action: 'DELETE /v1/tenants/:id',
        status_code: 200,
        resource_id: leaving.id,
      });
      expect(await countsOf(other.tenantId)).toEqual(otherBefore);

      expect((await api.request().get('/v1/api-keys').set(bearer(leaving.apiKey.key))).status).toBe(
        401,
      );
      expect((await api.request().get('/v1/settings').set(bearer(other.key))).status).toBe(200);
      const tombstone = await api.request().get(`/v1/tenants/${leaving.id}`).set(op());
      expect(tombstone.body).toMatchObject({ id: leaving.id, status: 'deleted' });
      const again = await api.request().delete(`/v1/tenants/${leaving.id}`).set(op());
      expect(again.status).toBe(409);
      const exported = await exportLines(leaving.id);
      expect([...new Set(exported.map((l) => l.table))].sort()).toEqual(['audit_log', 'tenants']);
    });

    it('should answer 404 for an unknown tenant, writing no audit row for it', async () => {
      const id = randomUUID();
      expect((await api.request().delete(`/v1/tenants/${id}`).set(op())).status).toBe(404);
      expect(
        await api.sql(`SELECT 1 FROM public.audit_log WHERE tenant_id = $1`, [id]),
      ).toHaveLength(0);
    });
  });
});
