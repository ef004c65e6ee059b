import { randomUUID } from 'node:crypto';
import { rulesChangedSchema, Topics } from '@palisade/contracts';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface Rule {
  id: string;
  accountIds: string[];
  ouIds: string[];
  regions: string[];
  checkIds: string[];
  resourcePattern: string | null;
  tags: Record<string, string>;
  reason: string;
  author: string;
  expiresAt: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

interface Page {
  items: Rule[];
  nextCursor: string | null;
}

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
}

interface OutboxRow {
  tenant_id: string;
  key: string;
  value: unknown;
}

const REASON = 'Public website bucket, reviewed in SEC-142';
const FUTURE = '2099-01-01T00:00:00.000Z';

/** `pal_<keyId>_<secret>` → keyId. */
const keyIdOf = (key: string): string => key.split('_')[1] as string;

describe('/v1/suppression-rules', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let readKey: string;
  let scansKey: string;

  const as = (key: string) => ({
    get: (path: string) => api.request().get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string, body: object | string) =>
      api
        .request()
        .post(path)
        .set('Authorization', `Bearer ${key}`)
        .set('Content-Type', 'application/json')
        .send(body),
    patch: (path: string, body: object) =>
      api.request().patch(path).set('Authorization', `Bearer ${key}`).send(body),
    delete: (path: string) => api.request().delete(path).set('Authorization', `Bearer ${key}`),
  });

  const create = async (body: object, key = tenant.key): Promise<Rule> => {
    const response = await as(key).post('/v1/suppression-rules', body);
    expect(response.status).toBe(201);
    return response.body as Rule;
  };

  /** The tenant's rules.changed outbox messages, oldest first, each checked against the contract. */
  const announced = async (tenantId: string): Promise<{ ruleId: string; change: string }[]> => {
    const rows = await api.sql<OutboxRow>(
      `SELECT tenant_id, key, value FROM public.outbox WHERE topic = $1 AND tenant_id = $2 ORDER BY id`,
      [Topics.rulesChanged.name, tenantId],
    );
    return rows.map((row) => {
      expect(row.key).toBe(tenantId);
      const message = rulesChangedSchema.parse(row.value);
      expect(message.tenantId).toBe(tenantId);
      return { ruleId: message.ruleId, change: message.change };
    });
  };

  const fieldsOf = (body: unknown): string[] =>
    ((body as Problem).errors ?? []).map((error) => error.field);

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant('rules');
    other = await api.createTenant('rules-other');
    readKey = await api.createKey(tenant.tenantId, ['findings:read']);
    scansKey = await api.createKey(tenant.tenantId, ['scans:write']);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('POST', () => {
    it('should create a rule authored by the calling key and announce it once', async () => {
      const before = await announced(tenant.tenantId);
      const response = await as(tenant.key).post('/v1/suppression-rules', {
        accountIds: ['111122223333', '111122223333'],
        regions: ['eu-west-1'],
        checkIds: ['s3_bucket_public_access_block'],
        resourcePattern: 'arn:aws:s3:::public-*',
        tags: { environment: 'sandbox' },
        reason: REASON,
        expiresAt: FUTURE,
      });
      expect(response.status).toBe(201);
      const rule = response.body as Rule;
      expect(rule).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
        accountIds: ['111122223333'],
        ouIds: [],
        regions: ['eu-west-1'],
        checkIds: ['s3_bucket_public_access_block'],
        resourcePattern: 'arn:aws:s3:::public-*',
        tags: { environment: 'sandbox' },
        reason: REASON,
        author: keyIdOf(tenant.key),
        expiresAt: FUTURE,
        active: true,
        createdAt: expect.any(String) as string,
        updatedAt: expect.any(String) as string,
      });
      const [stored] = await api.sql<{ tenant_id: string; author: string }>(
        `SELECT tenant_id, author FROM public.suppression_rules WHERE id = $1`,
        [rule.id],
      );
      expect(stored).toEqual({ tenant_id: tenant.tenantId, author: keyIdOf(tenant.key) });
      expect((await announced(tenant.tenantId)).slice(before.length)).toEqual([
        { ruleId: rule.id, change: 'created' },
      ]);
    });

    it('should accept a rule with a single criterion and no expiry', async () => {
      const rule = await create({ ouIds: ['ou-ab12-cdef3456'], reason: REASON });
      expect(rule).toMatchObject({ ouIds: ['ou-ab12-cdef3456'], expiresAt: null, active: true });
    });

    it.each<{ name: string; field: string; body: object; detail?: RegExp }>([
      { name: 'no criterion', field: 'body', body: { reason: REASON }, detail: /at least one/ },
      {
        name: 'empty criteria',
        field: 'body',
        body: { accountIds: [], tags: {}, reason: REASON },
        detail: /criterion/,
      },
      { name: 'no reason', field: 'body.reason', body: { regions: ['eu-west-1'] } },
      {
        name: 'a blank reason',
        field: 'body.reason',
        body: { regions: ['eu-west-1'], reason: '   ' },
      },
      {
        name: 'a bad account',
        field: 'body.accountIds.0',
        body: { accountIds: ['123'], reason: REASON },
      },
      { name: 'a bad OU', field: 'body.ouIds.0', body: { ouIds: ['ou-x'], reason: REASON } },
      {
        name: 'a bad region',
        field: 'body.regions.1',
        body: { regions: ['eu-west-1', 'mars'], reason: REASON },
      },
      {
        name: 'an unknown check',
        field: 'body.checkIds.0',
        body: { checkIds: ['s3_no_such_check'], reason: REASON },
      },
      {
        name: 'an empty pattern',
        field: 'body.resourcePattern',
        body: { resourcePattern: '', reason: REASON },
      },
      {
        name: 'too many tags',
        field: 'body.tags',
        body: {
          tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
          reason: REASON,
        },
      },
      {
        name: 'a past expiry',
        field: 'body.expiresAt',
        body: { regions: ['eu-west-1'], reason: REASON, expiresAt: '2020-01-01T00:00:00Z' },
        detail: /future/,
      },
      {
        name: 'an expiry that is no instant',
        field: 'body.expiresAt',
        body: { regions: ['eu-west-1'], reason: REASON, expiresAt: 'tomorrow' },
      },
      {
        name: 'an author',
        field: 'body',
        body: { regions: ['eu-west-1'], reason: REASON, author: 'someone-else' },
        detail: /author/,
      },
    ])('should refuse $name with 422 naming $field', async ({ field, body, detail }) => {
      const before = await announced(tenant.tenantId);
      const response = await as(tenant.key).post('/v1/suppression-rules', body);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(response.body)).toContain(field);
      expect((response.body as Problem).detail).toMatch(detail ?? field);
      expect(await announced(tenant.tenantId)).toEqual(before);
    });

    it('should refuse a body that is not JSON with 400', async () => {
      const response = await as(tenant.key).post('/v1/suppression-rules', '{"reason":');
      expect(response.status).toBe(400);
    });

    it('should refuse a findings:read key (403) and no key (401)', async () => {
      const body = { regions: ['eu-west-1'], reason: REASON };
      expect((await as(readKey).post('/v1/suppression-rules', body)).status).toBe(403);
      expect((await api.request().post('/v1/suppression-rules').send(body)).status).toBe(401);
    });
  });

  describe('GET', () => {
    let listed: TestTenant;
    let rules: Rule[];

    beforeAll(async () => {
      listed = await api.createTenant('rules-list');
      rules = [];
      for (let i = 0; i < 5; i++) {
        rules.push(await create({ regions: ['eu-west-1'], reason: `rule ${i}` }, listed.key));
      }
      // Rules 1 and 3 expired (the API refuses a past expiry, so the clock is moved for them).
      await api.sql(
        `UPDATE public.suppression_rules SET expires_at = now() - interval '1 day'
          WHERE id = ANY($1::uuid[])`,
        [[rules[1]?.id, rules[3]?.id]],
      );
      await create({ regions: ['eu-west-1'], reason: 'not theirs' }, other.key);
    });

    const walk = async (query: string, key: string): Promise<Rule[]> => {
      const seen: Rule[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
        const response = await as(key).get(`/v1/suppression-rules?limit=2${query}${suffix}`);
        expect(response.status).toBe(200);
        const page = response.body as Page;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };

    it('should list every rule of the tenant, oldest first, a page at a time', async () => {
      const seen = await walk('', listed.key);
      expect(seen.map((r) => r.reason)).toEqual(['rule 0', 'rule 1', 'rule 2', 'rule 3', 'rule 4']);
      expect(seen.map((r) => r.active)).toEqual([true, false, true, false, true]);
    });

    it('should list active and expired rules apart', async () => {
      expect((await walk('&state=active', listed.key)).map((r) => r.reason)).toEqual([
        'rule 0',
        'rule 2',
        'rule 4',
      ]);
      expect((await walk('&state=expired', listed.key)).map((r) => r.reason)).toEqual([
        'rule 1',
        'rule 3',
      ]);
    });

    it('should let a findings:read key read, and refuse a scans:write key', async () => {
      const readerOfListed = await api.createKey(listed.tenantId, ['findings:read']);
      const page = await as(readerOfListed).get('/v1/suppression-rules?limit=500');
      expect(page.status).toBe(200);
      expect((page.body as Page).items).toHaveLength(5);
      const one = await as(readerOfListed).get(`/v1/suppression-rules/${rules[0]?.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(rules[0]);
      expect((await as(scansKey).get('/v1/suppression-rules')).status).toBe(403);
      expect((await as(scansKey).get(`/v1/suppression-rules/${rules[0]?.id}`)).status).toBe(403);
    });

    it.each([
      ['limit=0', 'query.limit'],
      ['limit=501', 'query.limit'],
      ['state=deleted', 'query.state'],
      ['cursor=not-a-cursor', 'query.cursor'],
      [`cursor=${Buffer.from('{"createdAt":"x","id":"y"}').toString('base64url')}`, 'query.cursor'],
    ])('should refuse ?%s with 400 naming %s', async (query, field) => {
      const response = await as(listed.key).get(`/v1/suppression-rules?${query}`);
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('should answer 404 alike for another tenant’s rule and a rule that does not exist', async () => {
      const theirs = await as(other.key).get(`/v1/suppression-rules/${rules[0]?.id}`);
      const missing = randomUUID();
      const none = await as(other.key).get(`/v1/suppression-rules/${missing}`);
      expect(theirs.status).toBe(404);
      expect(none.status).toBe(404);
      expect((theirs.body as Problem).detail).toBe(
        (none.body as Problem).detail.replace(missing, rules[0]?.id ?? ''),
      );
    });

    it('should refuse an id that is not a uuid with 400', async () => {
      const response = await as(listed.key).get('/v1/suppression-rules/not-a-uuid');
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain('param.id');
    });
  });

  describe('PATCH', () => {
    it('should change the given fields, make the caller the author and announce it once', async () => {
      const rule = await create({
        regions: ['eu-west-1'],
        resourcePattern: 'arn:aws:s3:::a-*',
        reason: REASON,
        expiresAt: FUTURE,
      });
      const admin2 = await api.createKey(tenant.tenantId, ['admin']);
      const before = await announced(tenant.tenantId);
      const response = await as(admin2).patch(`/v1/suppression-rules/${rule.id}`, {
        reason: 'Extended after review',
        expiresAt: null,
        checkIds: ['iam_root_mfa_enabled'],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...rule,
        reason: 'Extended after review',
        expiresAt: null,
        checkIds: ['iam_root_mfa_enabled'],
        author: keyIdOf(admin2),
        updatedAt: expect.any(String) as string,
      });
      expect((await announced(tenant.tenantId)).slice(before.length)).toEqual([
        { ruleId: rule.id, change: 'updated' },
      ]);
      const cleared = await as(tenant.key).patch(`/v1/suppression-rules/${rule.id}`, {
        resourcePattern: null,
      });
      expect((cleared.body as Rule).resourcePattern).toBeNull();
      expect((cleared.body as Rule).regions).toEqual(['eu-west-1']);
    });

    it.each<{ name: string; field: string; body: object; detail?: RegExp }>([
      { name: 'nothing to change', field: 'body', body: {}, detail: /at least one field/ },
      {
        name: 'the last criterion removed',
        field: 'body',
        body: { regions: [] },
        detail: /at least one criterion/,
      },
      { name: 'a null reason', field: 'body.reason', body: { reason: null } },
      {
        name: 'a past expiry',
        field: 'body.expiresAt',
        body: { expiresAt: '2001-01-01T00:00:00Z' },
        detail: /future/,
      },
      { name: 'a bad check', field: 'body.checkIds.0', body: { checkIds: ['nope'] } },
      { name: 'an author', field: 'body', body: { author: 'me' }, detail: /author/ },
    ])(
      'should refuse $name with 422 naming $field, changing nothing',
      async ({ field, body, detail }) => {
        const rule = await create({ regions: ['eu-west-1'], reason: REASON });
        const before = await announced(tenant.tenantId);
        const response = await as(tenant.key).patch(`/v1/suppression-rules/${rule.id}`, body);
        expect(response.status).toBe(422);
        expect(fieldsOf(response.body)).toContain(field);
        expect((response.body as Problem).detail).toMatch(detail ?? field);
        const after = await as(tenant.key).get(`/v1/suppression-rules/${rule.id}`);
        expect(after.body).toEqual(rule);
        expect(await announced(tenant.tenantId)).toEqual(before);
      },
    );

    it('should answer 404 for another tenant’s rule and leave it as it was', async () => {
      const theirs = await create({ regions: ['eu-west-1'], reason: REASON }, other.key);
      const response = await as(tenant.key).patch(`/v1/suppression-rules/${theirs.id}`, {
        reason: 'taken over',
      });
      expect(response.status).toBe(404);
      const [stored] = await api.sql<{ reason: string }>(
        `SELECT reason FROM public.suppression_rules WHERE id = $1`,
        [theirs.id],
      );
      expect(stored?.reason).toBe(REASON);
    });

    it('should refuse a findings:read key with 403', async () => {
      const rule = await create({ regions: ['eu-west-1'], reason: REASON });
      const response = await as(readKey).patch(`/v1/suppression-rules/${rule.id}`, {
        reason: 'x',
      });
      expect(response.status).toBe(403);
    });

    it('should refuse an id that is not a uuid with 400', async () => {
      const response = await as(tenant.key).patch('/v1/suppression-rules/123', { reason: 'x' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toContain('param.id');
    });
  });

  describe('DELETE', () => {
    it('should delete a rule and announce it once', async () => {
      const rule = await create({ regions: ['eu-west-1'], reason: REASON });
      const before = await announced(tenant.tenantId);
      const response = await as(tenant.key).delete(`/v1/suppression-rules/${rule.id}`);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await as(tenant.key).get(`/v1/suppression-rules/${rule.id}`)).status).toBe(404);
      expect((await announced(tenant.tenantId)).slice(before.length)).toEqual([
        { ruleId: rule.id, change: 'deleted' },
      ]);
      expect((await as(tenant.key).delete(`/v1/suppression-rules/${rule.id}`)).status).toBe(404);
      expect((await announced(tenant.tenantId)).length).toBe(before.length + 1);
    });

    it('should answer 404 for another tenant’s rule and keep it', async () => {
      const theirs = await create({ regions: ['eu-west-1'], reason: REASON }, other.key);
      const before = await announced(other.tenantId);
      expect((await as(tenant.key).delete(`/v1/suppression-rules/${theirs.id}`)).status).toBe(404);
      expect((await as(other.key).get(`/v1/suppression-rules/${theirs.id}`)).status).toBe(200);
      expect(await announced(other.tenantId)).toEqual(before);
    });

    it('should refuse a findings:read key with 403 and a bad id with 400', async () => {
      const rule = await create({ regions: ['eu-west-1'], reason: REASON });
      expect((await as(readKey).delete(`/v1/suppression-rules/${rule.id}`)).status).toBe(403);
      const bad = await as(tenant.key).delete('/v1/suppression-rules/x');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toContain('param.id');
    });
  });

  it('should have announced exactly one message per change, each on the tenant’s key', async () => {
    const rows = await api.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM public.outbox WHERE topic = $1 AND tenant_id = $2`,
      [Topics.rulesChanged.name, tenant.tenantId],
    );
    const audit = await api.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM public.audit_log
        WHERE tenant_id = $1 AND resource_type = 'suppression-rules'
          AND method IN ('POST', 'PATCH', 'DELETE') AND status_code < 300`,
      [tenant.tenantId],
    );
    expect(rows[0]?.n).toBe(audit[0]?.n);
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
