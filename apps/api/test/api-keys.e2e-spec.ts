import { createHash } from 'node:crypto';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface KeyBody {
  id: string;
  name: string;
  scopes: string[];
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
interface IssuedBody extends KeyBody {
  key: string;
}
interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}
interface ProblemBody {
  detail: string;
  errors?: { field: string; detail: string }[];
}

const KEY_FIELDS = [
  'createdAt',
  'createdBy',
  'expiresAt',
  'id',
  'lastUsedAt',
  'name',
  'revokedAt',
  'scopes',
  'status',
];
const idOf = (key: string) => key.split('_')[1] as string;
/** The secret part of `pal_<16-char id>_<secret>` (the secret may itself hold `_`). */
const secretOf = (key: string) => key.slice('pal_'.length + 16 + 1);

describe('/v1/api-keys', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;

  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  async function issue(
    key: string,
    body: { name: string; scopes: string[]; expiresAt?: string },
  ): Promise<IssuedBody> {
    const response = await api.request().post('/v1/api-keys').set(bearer(key)).send(body);
    expect(response.status).toBe(201);
    return response.body as IssuedBody;
  }

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant();
  });
  afterAll(async () => {
    await api.close();
  });

  describe('POST /v1/api-keys', () => {
    it('should issue a key shown once, working with its scopes, stored only as a SHA-256', async () => {
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const issued = await issue(tenant.key, {
        name: 'SIEM',
        scopes: ['findings:read'],
        expiresAt,
      });
      expect(issued).toMatchObject({
        name: 'SIEM',
        scopes: ['findings:read'],
        status: 'active',
        createdBy: idOf(tenant.key),
        expiresAt,
        revokedAt: null,
        lastUsedAt: null,
      });
      expect(issued.key).toMatch(new RegExp(`^pal_${issued.id}_[A-Za-z0-9_-]{43}$`));
      expect((await api.request().get('/v1/settings').set(bearer(issued.key))).status).toBe(200);

      const secret = secretOf(issued.key);
      const [row] = await api.sql<Record<string, unknown>>(
        `SELECT * FROM public.api_keys WHERE id = $1`,
        [issued.id],
      );
      expect(row?.['secret_sha256']).toEqual(createHash('sha256').update(secret).digest());
      const stored = JSON.stringify(row, (_k, v: unknown) =>
        Buffer.isBuffer(v) ? v.toString('base64url') : v,
      );
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(issued.key);
    });

    it('should name each refused field (422)', async () => {
      const cases: [object, string][] = [
        [{ scopes: ['admin'] }, 'body.name'],
        [{ name: '   ', scopes: ['admin'] }, 'body.name'],
        [{ name: 'k' }, 'body.scopes'],
        [{ name: 'k', scopes: [] }, 'body.scopes'],
        [{ name: 'k', scopes: ['root'] }, 'body.scopes.0'],
        [{ name: 'k', scopes: ['admin', 'admin'] }, 'body.scopes'],
        [{ name: 'k', scopes: ['admin'], expiresAt: '2020-01-01T00:00:00Z' }, 'body.expiresAt'],
        [{ name: 'k', scopes: ['admin'], expiresAt: 'tomorrow' }, 'body.expiresAt'],
      ];
      for (const [body, field] of cases) {
        const response = await api
          .request()
          .post('/v1/api-keys')
          .set(bearer(tenant.key))
          .send(body);
        expect({ body, status: response.status }).toEqual({ body, status: 422 });
        expect((response.body as ProblemBody).errors?.map((e) => e.field)).toContain(field);
      }
    });
  });

  describe('scopes, expiry and revocation', () => {
    it('should refuse a findings:read key on every admin route (403) and a scans:write key on reads', async () => {
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      const routes = [
        api
          .request()
          .post('/v1/api-keys')
          .send({ name: 'x', scopes: ['admin'] }),
        api.request().get('/v1/api-keys'),
        api.request().get(`/v1/api-keys/${idOf(tenant.key)}`),
        api.request().delete(`/v1/api-keys/${idOf(tenant.key)}`),
        api.request().put('/v1/settings').send({ checkSettings: {} }),
        api.request().get('/v1/audit-log'),
      ];
      for (const route of routes) {
        const response = await route.set(bearer(reader));
        expect(response.status).toBe(403);
        expect((response.body as ProblemBody).detail).toBe('this key lacks the admin scope');
      }
      const writer = await api.createKey(tenant.tenantId, ['scans:write']);
      expect((await api.request().get('/v1/settings').set(bearer(writer))).status).toBe(403);
    });

    it('should refuse an expired key (401)', async () => {
      const expired = await api.createKey(tenant.tenantId, ['admin'], {
        expiresAt: new Date(Date.now() - 1_000),
      });
      const response = await api.request().get('/v1/api-keys').set(bearer(expired));
      expect(response.status).toBe(401);
      const listed = await api
        .request()
        .get(`/v1/api-keys/${idOf(expired)}`)
        .set(bearer(tenant.key));
      expect((listed.body as KeyBody).status).toBe('expired');
    });

    it('should set lastUsedAt once the key is used', async () => {
      const issued = await issue(tenant.key, { name: 'used', scopes: ['findings:read'] });
      const before = await api.request().get(`/v1/api-keys/${issued.id}`).set(bearer(tenant.key));
      expect((before.body as KeyBody).lastUsedAt).toBeNull();
      const startedAt = Date.now();
      expect((await api.request().get('/v1/settings').set(bearer(issued.key))).status).toBe(200);
      const after = await api.request().get(`/v1/api-keys/${issued.id}`).set(bearer(tenant.key));
      const lastUsedAt = (after.body as KeyBody).lastUsedAt;
      expect(lastUsedAt).not.toBeNull();
      expect(Date.parse(lastUsedAt as string)).toBeGreaterThanOrEqual(startedAt - 5_000);
    });

    it('should revoke a key (204): it gets 401 at once, shows as revoked, and revoking again is harmless', async () => {
      const issued = await issue(tenant.key, { name: 'to revoke', scopes: ['findings:read'] });
      expect((await api.request().get('/v1/settings').set(bearer(issued.key))).status).toBe(200);
      const response = await api
        .request()
        .delete(`/v1/api-keys/${issued.id}`)
        .set(bearer(tenant.key));
      expect(response.status).toBe(204);
      expect((await api.request().get('/v1/settings').set(bearer(issued.key))).status).toBe(401);
      const shown = await api.request().get(`/v1/api-keys/${issued.id}`).set(bearer(tenant.key));
      expect(shown.body).toMatchObject({
        status: 'revoked',
        revokedAt: expect.any(String) as unknown,
      });
      const again = await api.request().delete(`/v1/api-keys/${issued.id}`).set(bearer(tenant.key));
      expect(again.status).toBe(204);
      const reshown = await api.request().get(`/v1/api-keys/${issued.id}`).set(bearer(tenant.key));
      expect((reshown.body as KeyBody).revokedAt).toBe((shown.body as KeyBody).revokedAt);
    });

    it("should refuse revoking the tenant's last working admin key (409), and allow a key to revoke itself otherwise", async () => {
      const solo = await api.createTenant();
      await api.createKey(solo.tenantId, ['admin'], { expiresAt: new Date(Date.now() - 1_000) });
      const reader = await issue(solo.key, { name: 'reader', scopes: ['findings:read'] });
      const last = await api
        .request()
        .delete(`/v1/api-keys/${idOf(solo.key)}`)
        .set(bearer(solo.key));
      expect(last.status).toBe(409);
      expect((last.body as ProblemBody).detail).toMatch(/last working admin key/);
      expect((await api.request().get('/v1/api-keys').set(bearer(solo.key))).status).toBe(200);

      const second = await issue(solo.key, { name: 'second admin', scopes: ['admin'] });
      const self = await api
        .request()
        .delete(`/v1/api-keys/${idOf(solo.key)}`)
        .set(bearer(solo.key));
      expect(self.status).toBe(204);
      expect((await api.request().get('/v1/api-keys').set(bearer(solo.key))).status).toBe(401);
      const lastAgain = await api
        .request()
        .delete(`/v1/api-keys/${second.id}`)
        .set(bearer(second.key));
      expect(lastAgain.status).toBe(409);
      const readerGone = await api
        .request()
        .delete(`/v1/api-keys/${reader.id}`)
        .set(bearer(second.key));
      expect(readerGone.status).toBe(204);
    });
  });

  describe('GET /v1/api-keys and /v1/api-keys/{id}', () => {
    it('should list the keys page by page, oldest first, never with a secret or a hash', async () => {
      const listing = await api.createTenant();
      const issued = [];
      for (let i = 0; i < 3; i++) {
        issued.push(await issue(listing.key, { name: `k${i}`, scopes: ['findings:read'] }));
      }
      const seen: KeyBody[] = [];
      let cursor: string | null = null;
      do {
        const response = await api
          .request()
          .get('/v1/api-keys')
          .query(cursor === null ? { limit: 1 } : { limit: 1, cursor })
          .set(bearer(listing.key));
        expect(response.status).toBe(200);
        const page = response.body as PageBody<KeyBody>;
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen.map((k) => k.id)).toEqual([idOf(listing.key), ...issued.map((k) => k.id)]);
      for (const key of seen) expect(Object.keys(key).sort()).toEqual(KEY_FIELDS);
      const text = JSON.stringify(seen);
      for (const key of [listing.key, ...issued.map((k) => k.key)]) {
        expect(text).not.toContain(secretOf(key));
      }
    });

    it('should show one key; 404 for another tenant’s key or an unknown one; 400 for a malformed id', async () => {
      const other = await api.createTenant();
      const mine = await api
        .request()
        .get(`/v1/api-keys/${idOf(tenant.key)}`)
        .set(bearer(tenant.key));
      expect(mine.status).toBe(200);
      expect(Object.keys(mine.body as object).sort()).toEqual(KEY_FIELDS);

      const theirs = await api
        .request()
        .get(`/v1/api-keys/${idOf(other.key)}`)
        .set(bearer(tenant.key));
      const unknown = await api
        .request()
        .get(`/v1/api-keys/${'z'.repeat(16)}`)
        .set(bearer(tenant.key));
      expect(theirs.status).toBe(404);
      expect(unknown.status).toBe(404);
      expect((theirs.body as ProblemBody).detail).toBe(`no API key with id ${idOf(other.key)}`);

      const revokeTheirs = await api
        .request()
        .delete(`/v1/api-keys/${idOf(other.key)}`)
        .set(bearer(tenant.key));
      expect(revokeTheirs.status).toBe(404);
      expect((await api.request().get('/v1/api-keys').set(bearer(other.key))).status).toBe(200);
      const theirList = await api.request().get('/v1/api-keys?limit=500').set(bearer(tenant.key));
      expect((theirList.body as PageBody<KeyBody>).items.map((k) => k.id)).not.toContain(
        idOf(other.key),
      );

      for (const bad of ['SHORT', 'UPPERCASEUPPERCA', 'a'.repeat(17)]) {
        const response = await api.request().get(`/v1/api-keys/${bad}`).set(bearer(tenant.key));
        expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
        expect((response.body as ProblemBody).errors?.[0]?.field).toBe('param.id');
      }
      const badDelete = await api.request().delete('/v1/api-keys/nope').set(bearer(tenant.key));
      expect(badDelete.status).toBe(400);
      const badCursor = await api
        .request()
        .get('/v1/api-keys?cursor=eyJ4IjoxfQ')
        .set(bearer(tenant.key));
      expect(badCursor.status).toBe(400);
      expect((badCursor.body as ProblemBody).errors?.[0]?.field).toBe('query.cursor');
    });
  });
});
