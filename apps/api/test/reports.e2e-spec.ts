import { randomUUID } from 'node:crypto';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

const ACC_A = '111111111111';
const ACC_B = '222222222222';
const FAILING_TITLE = 'Root user has no MFA';
const HOSTILE_RESOURCE = '<script>alert("report")</script>';

interface Problem {
  status: number;
  type: string;
  detail: string;
  errors?: { field: string; detail: string }[];
}

describe('GET /v1/scans/{id}/report', () => {
  let api: ApiTestApp;
  let acme: TestTenant;
  let other: TestTenant;
  let scanId: string;
  let otherScanId: string;
  let readKey: string;

  /** An organization source with one OU, accounts A and B, and a finished scan of both. */
  async function seedScan(tenantId: string): Promise<string> {
    const [source] = await api.sql<{ id: string }>(
      `INSERT INTO public.sources (tenant_id, name, kind, config)
       VALUES ($1, 'Acme organization', 'organization', '{}') RETURNING id`,
      [tenantId],
    );
    const sourceId = (source as { id: string }).id;
    await api.sql(
      `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path)
       VALUES ($1, $2, 'r-ab12', 'Root', NULL, '/Root'),
              ($1, $2, 'ou-ab12-prod0001', 'Production', 'r-ab12', '/Root/Production')`,
      [tenantId, sourceId],
    );
    await api.sql(
      `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state, ou_id, ou_path,
                                    first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, 'payments-prod', 'ACTIVE', 'ou-ab12-prod0001', '/Root/Production', now(), now()),
              ($1, $2, $4, 'data-lake-prod', 'ACTIVE', 'ou-ab12-prod0001', '/Root/Production', now(), now())`,
      [tenantId, sourceId, ACC_A, ACC_B],
    );
    const [scan] = await api.sql<{ id: string }>(
      `INSERT INTO public.scans (tenant_id, source_id, status, "trigger", counts, started_at, finished_at)
       VALUES ($1, $2, 'completed', '{"kind":"api"}', '{"accountsTotal":2,"accountsDone":2}',
               now() - interval '10 minutes', now())
       RETURNING id`,
      [tenantId, sourceId],
    );
    const id = (scan as { id: string }).id;
    await api.sql(
      `INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope, status)
       VALUES ($1, $2, $3, 'account', 'succeeded'), ($1, $2, $4, 'account', 'succeeded')`,
      [tenantId, id, ACC_A, ACC_B],
    );
    await api.sql(
      `INSERT INTO public.findings
         (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
          severity, status, compliance, first_seen_at, last_seen_at, state_at, scan_id, job_id, ocsf)
       SELECT $1::uuid, encode(sha256(convert_to($1::uuid::text || f.n::text, 'UTF8')), 'hex'),
              'check', f.account, 'global', f.check_id, f.resource, 'AwsAccount', f.title,
              f.severity, f.status, f.compliance, now(), now(), now(), $2::uuid,
              gen_random_uuid(), '{}'
         FROM (VALUES
           (1, $3, 'iam_root_mfa_enabled', $5, '${FAILING_TITLE}', 'critical', 'new', 'FAIL'),
           (2, $3, 'iam_root_access_key_absent', 'arn:aws:iam::${ACC_A}:root', 'No root access keys', 'critical', 'compliant', 'PASS'),
           (3, $4, 'iam_root_access_key_absent', 'arn:aws:iam::${ACC_B}:root', 'No root access keys', 'critical', 'compliant', 'PASS')
         ) AS f(n, account, check_id, resource, title, severity, status, compliance)`,
      [tenantId, id, ACC_A, ACC_B, HOSTILE_RESOURCE],
    );
    return id;
  }

  beforeAll(async () => {
    api = await startApiTestApp();
    acme = await api.createTenant('Acme Corp');
    other = await api.createTenant('Other Co');
    scanId = await seedScan(acme.tenantId);
    otherScanId = await seedScan(other.tenantId);
    readKey = await api.createKey(acme.tenantId, ['findings:read']);
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = (id: string, key: string) =>
    api.request().get(`/v1/scans/${id}/report`).set('Authorization', `Bearer ${key}`);

  it('should serve the report as self-contained HTML with the accounts and the failing finding', async () => {
    const response = await get(scanId, readKey);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; .*frame-ancestors 'none'$/,
    );
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="palisade-scan-${scanId}.html"`,
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
    const html = response.text;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const text of [ACC_A, ACC_B, 'payments-prod', 'data-lake-prod', '/Root/Production']) {
      expect(html).toContain(text);
    }
    expect(html).toContain(`<tr data-severity="critical" data-state="open">`);
    expect(html).toContain(FAILING_TITLE);
    // The failing requirement of the check (CIS 2.5), and the score: 2 passed, 1 failed.
    expect(html).toContain('Ensure MFA is enabled for the &#39;root&#39; user account');
    expect(html).toContain('66.67%');
    // The hostile resource name is text, not markup.
    expect(html).not.toContain(HOSTILE_RESOURCE);
    expect(html).toContain('&lt;script&gt;alert(&quot;report&quot;)&lt;/script&gt;');
    // Nothing of the other tenant, whose scan has the same accounts.
    expect(html).not.toContain('Other Co');
    expect(html).toContain('Acme Corp');
  });

  it('should answer 404 for another tenant’s scan exactly as for an unknown one', async () => {
    const foreign = await get(otherScanId, acme.key);
    const unknownId = randomUUID();
    const unknown = await get(unknownId, acme.key);

    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((foreign.body as Problem).detail).toBe(`no scan with id ${otherScanId}`);
    expect((unknown.body as Problem).detail).toBe(`no scan with id ${unknownId}`);
    expect((foreign.body as Problem).type).toBe((unknown.body as Problem).type);
  });

  it('should refuse a malformed scan id with 400 naming the parameter', async () => {
    const response = await get('not-a-scan', readKey);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((response.body as Problem).errors?.map((e) => e.field)).toEqual(['param.id']);
  });

  it('should refuse a key without the findings:read scope (403) and no key (401)', async () => {
    const writer = await api.createKey(acme.tenantId, ['scans:write']);

    const forbidden = await get(scanId, writer);
    const anonymous = await api.request().get(`/v1/scans/${scanId}/report`);

    expect(forbidden.status).toBe(403);
    expect((forbidden.body as Problem).detail).toBe('this key lacks the findings:read scope');
    expect(anonymous.status).toBe(401);
  });

  it('should declare the HTML response in the OpenAPI document', async () => {
    const response = await api.request().get('/docs/openapi.json');
    const document = response.body as {
      paths: Record<
        string,
        {
          get?: {
            tags: string[];
            parameters: { name: string; in: string; required: boolean }[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          };
        }
      >;
    };

    const operation = document.paths['/v1/scans/{id}/report']?.get;
    expect(operation?.tags).toEqual(['scans']);
    expect(operation?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['text/html']);
    for (const status of ['400', '401', '403', '404']) {
      expect(Object.keys(operation?.responses[status]?.content ?? {})).toEqual([
        'application/problem+json',
      ]);
    }
  });
});
