// /v1/sources on the real Postgres, and test-connection against moto behind the fault proxy.
import { randomUUID } from 'node:crypto';
import {
  type AwsProxy,
  depsEnv,
  MOTO_DEFAULT_ACCOUNT,
  type SeededOrganization,
  seedOrganization,
  startAwsProxy,
} from '@palisade/testing';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

const HUB = 'arn:aws:iam::999988887777:role/PalisadeHubRole';
const BASE_KEY = 'AKIAPALISADEAPITEST';

interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
}

interface Parameter {
  ParameterKey: string;
  ParameterValue: string;
}

interface Material {
  templateFile: string;
  templateBody: string;
  parameters: Parameter[];
  missingParameters: string[];
  capabilities: string[];
}

interface Onboarding {
  externalId: string;
  hubPrincipalArn: string | null;
  roleName: string;
  trustPolicy: {
    Statement: {
      Principal: { AWS: string };
      Action: string;
      Condition: Record<string, Record<string, string>>;
    }[];
  } | null;
  memberRole: Material;
  organizationStackSet: (Material & { discoveryRoleName: string }) | null;
  notes: string[];
}

interface Source {
  id: string;
  name: string;
  kind: 'organization' | 'accounts';
  config: Record<string, unknown>;
  preflight: boolean;
  externalId: string;
  createdAt: string;
  updatedAt: string;
  onboarding: Onboarding;
}

interface SourcePage {
  items: Source[];
  nextCursor: string | null;
}

interface Check {
  accountId: string;
  role: 'management' | 'member';
  roleArn: string;
  ok: boolean;
  code?: string;
  awsCode?: string;
  message?: string;
  identityArn?: string;
  sourceIdentity?: boolean;
  organizationId?: string;
  durationMs: number;
}

interface ConnectionTest {
  sourceId: string;
  summary: { tested: number; ok: number; failed: number; byCode: Record<string, number> };
  coverage: { accountsKnown: number; accountsTested: number; limit: number; note: string };
  accounts: Check[];
}

const valueOf = (material: Material, key: string) =>
  material.parameters.find((p) => p.ParameterKey === key)?.ParameterValue;

describe('/v1/sources', () => {
  let api: ApiTestApp;
  let proxy: AwsProxy;
  let tenant: TestTenant;
  let other: TestTenant;
  const savedEnv = { ...process.env };

  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  const post = (path: string, body: unknown, key = tenant.key) =>
    api
      .request()
      .post(path)
      .set(auth(key))
      .send(body as object);

  const organizationBody = (name: string, managementAccount = '111122223333') => ({
    name,
    kind: 'organization',
    config: {
      managementRoleArn: `arn:aws:iam::${managementAccount}:role/PalisadeDiscoveryRole`,
      memberRoleName: 'PalisadeScanRole',
      regions: ['eu-west-1'],
    },
  });
  const accountsBody = (name: string, accountIds: string[]) => ({
    name,
    kind: 'accounts',
    config: {
      memberRoleName: 'AuditRole',
      accounts: accountIds.map((accountId) => ({ accountId })),
    },
  });

  beforeAll(async () => {
    // Palisade's own identity (the SDK's default chain reads it): a key moto has not issued.
    process.env['AWS_ACCESS_KEY_ID'] = BASE_KEY;
    process.env['AWS_SECRET_ACCESS_KEY'] = 'palisade-api-test-secret';
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    api = await startApiTestApp({ AWS_ENDPOINT_URL: proxy.url, HUB_PRINCIPAL_ARN: HUB });
    tenant = await api.createTenant('sources');
    other = await api.createTenant('sources-other');
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    process.env = savedEnv;
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  describe('POST /v1/sources', () => {
    it('should create an organization source with the generated ExternalId and its onboarding material', async () => {
      const response = await post('/v1/sources', organizationBody('Acme org'));
      expect(response.status).toBe(201);
      const source = response.body as Source;
      expect(source).toMatchObject({ name: 'Acme org', kind: 'organization', preflight: true });
      expect(source.config).toMatchObject({
        memberRoleName: 'PalisadeScanRole',
        scope: { includeOus: [], excludeAccounts: [] },
      });
      expect(source.externalId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [settings] = await api.sql<{ external_id: string }>(
        `SELECT external_id FROM public.tenant_settings WHERE tenant_id = $1`,
        [tenant.tenantId],
      );
      expect(source.externalId).toBe(settings?.external_id);

      const { onboarding } = source;
      expect(onboarding.externalId).toBe(source.externalId);
      expect(onboarding.hubPrincipalArn).toBe(HUB);
      expect(onboarding.roleName).toBe('PalisadeScanRole');
      expect(onboarding.trustPolicy?.Statement[0]).toMatchObject({
        Principal: { AWS: HUB },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': source.externalId } },
      });
      expect(onboarding.memberRole.templateFile).toBe('deploy/aws/member-role.yaml');
      expect(onboarding.memberRole.templateBody).toContain('ExternalId:');
      expect(valueOf(onboarding.memberRole, 'ExternalId')).toBe(source.externalId);
      expect(valueOf(onboarding.memberRole, 'HubPrincipalArn')).toBe(HUB);
      const stackSet = onboarding.organizationStackSet;
      expect(stackSet?.templateBody).toContain('AWS::CloudFormation::StackSet');
      expect(stackSet?.discoveryRoleName).toBe('PalisadeDiscoveryRole');
      expect(valueOf(stackSet as Material, 'ExternalId')).toBe(source.externalId);
      // No scan has walked the organization yet: the root id is not known.
      expect(stackSet?.missingParameters).toEqual(['OrganizationalUnitIds']);
    });

    it('should give every source of a tenant the same ExternalId, and another tenant another one', async () => {
      const first = (await post('/v1/sources', accountsBody('same-a', ['111111111111'])))
        .body as Source;
      const second = (await post('/v1/sources', accountsBody('same-b', ['222222222222'])))
        .body as Source;
      const foreign = (
        await post('/v1/sources', accountsBody('same-a', ['111111111111']), other.key)
      ).body as Source;
      expect(second.externalId).toBe(first.externalId);
      expect(foreign.externalId).not.toBe(first.externalId);
      expect(first.onboarding.organizationStackSet).toBeNull();
    });

    it.each([
      ['externalId', { externalId: 'chosen-by-the-caller-0123456789abcdef' }, 'body.externalId'],
      [
        'config.externalId',
        { config: { ...accountsBody('x', ['111111111111']).config, externalId: 'x'.repeat(40) } },
        'body.config.externalId',
      ],
      [
        'config.accounts[i].externalId',
        {
          config: {
            memberRoleName: 'AuditRole',
            accounts: [
              { accountId: '111111111111' },
              { accountId: '222222222222', ExternalId: 'y' },
            ],
          },
        },
        'body.config.accounts.1.ExternalId',
      ],
    ])('should refuse an ExternalId in %s with 422 naming the field', async (_, extra, field) => {
      const name = `refused-${randomUUID().slice(0, 8)}`;
      const response = await post('/v1/sources', {
        ...accountsBody(name, ['111111111111']),
        ...extra,
      });
      expect(response.status).toBe(422);
      const problem = response.body as Problem;
      expect(problem.errors).toEqual([
        { field, detail: expect.stringContaining('Palisade generates the ExternalId') as string },
      ]);
      const rows = await api.sql(`SELECT 1 FROM public.sources WHERE name = $1`, [name]);
      expect(rows).toHaveLength(0);
    });

    it('should refuse a bad config with 422 naming each field', async () => {
      const response = await post('/v1/sources', {
        name: 'bad',
        kind: 'organization',
        config: {
          managementRoleArn: 'not-an-arn',
          memberRoleName: 'has spaces',
          regions: ['mars-1'],
        },
      });
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors?.map((e) => e.field).sort()).toEqual([
        'body.config.managementRoleArn',
        'body.config.memberRoleName',
        'body.config.regions.0',
      ]);
      const kind = await post('/v1/sources', {
        ...accountsBody('k', ['111111111111']),
        kind: 'vpc',
      });
      expect(kind.status).toBe(422);
      expect((kind.body as Problem).errors?.[0]?.field).toBe('body.kind');
    });

    it('should refuse an organization source without managementRoleArn with 422 naming it (a tenant never gets Palisade’s own identity)', async () => {
      const name = `no-role-${randomUUID().slice(0, 8)}`;
      const { managementRoleArn: _omitted, ...config } = organizationBody(name).config;
      const response = await post('/v1/sources', { name, kind: 'organization', config });
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors).toEqual([
        { field: 'body.config.managementRoleArn', detail: expect.any(String) as string },
      ]);
      const rows = await api.sql(`SELECT 1 FROM public.sources WHERE name = $1`, [name]);
      expect(rows).toHaveLength(0);
    });

    it('should refuse text holding a NUL character with 422, not a database error', async () => {
      const response = await post('/v1/sources', {
        name: 'a\u0000b',
        kind: 'organization',
        config: {
          ...organizationBody('x').config,
          scope: { includeTags: [{ key: 'env\u0000', values: [] }] },
        },
      });
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors?.map((e) => e.field)).toEqual([
        'body.name',
        'body.config.scope.includeTags.0.key',
      ]);
      const cursor = Buffer.from(JSON.stringify({ n: 'a\u0000', id: randomUUID() })).toString(
        'base64url',
      );
      const list = await api.request().get(`/v1/sources?cursor=${cursor}`).set(auth(tenant.key));
      expect(list.status).toBe(400);
    });

    it('should refuse a second live source of the same name with 409', async () => {
      expect((await post('/v1/sources', accountsBody('dup', ['111111111111']))).status).toBe(201);
      const again = await post('/v1/sources', accountsBody('dup', ['222222222222']));
      expect(again.status).toBe(409);
      expect((again.body as Problem).detail).toBe('a source named "dup" exists');
    });

    it('should refuse keys without the admin scope (403), and allow findings:read to read', async () => {
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      const scanner = await api.createKey(tenant.tenantId, ['scans:write']);
      expect((await post('/v1/sources', accountsBody('r', ['111111111111']), reader)).status).toBe(
        403,
      );
      expect((await post('/v1/sources', accountsBody('r', ['111111111111']), scanner)).status).toBe(
        403,
      );
      expect((await api.request().get('/v1/sources').set(auth(reader))).status).toBe(200);
      expect((await api.request().get('/v1/sources').set(auth(scanner))).status).toBe(403);
    });
  });

  describe('GET /v1/sources', () => {
    it('should page through the live sources by name with a cursor, without another tenant’s', async () => {
      const fresh = await api.createTenant('sources-paging');
      for (const name of ['c-source', 'a-source', 'b-source']) {
        await post('/v1/sources', accountsBody(name, ['111111111111']), fresh.key);
      }
      await post('/v1/sources', accountsBody('z-foreign', ['111111111111']), other.key);
      const first = await api.request().get('/v1/sources?limit=2').set(auth(fresh.key));
      expect(first.status).toBe(200);
      const page1 = first.body as SourcePage;
      expect(page1.items.map((s) => s.name)).toEqual(['a-source', 'b-source']);
      expect(page1.items[0]).not.toHaveProperty('onboarding');
      expect(page1.nextCursor).not.toBeNull();
      const second = await api
        .request()
        .get(`/v1/sources?limit=2&cursor=${page1.nextCursor ?? ''}`)
        .set(auth(fresh.key));
      const page2 = second.body as SourcePage;
      expect(page2.items.map((s) => s.name)).toEqual(['c-source']);
      expect(page2.nextCursor).toBeNull();

      const organizations = await api
        .request()
        .get('/v1/sources?kind=organization')
        .set(auth(fresh.key));
      expect((organizations.body as SourcePage).items).toEqual([]);
    });

    it('should answer 400 naming the parameter for a bad cursor, limit or kind', async () => {
      for (const [query, field] of [
        ['cursor=not-ours', 'query.cursor'],
        ['limit=0', 'query.limit'],
        ['kind=vpc', 'query.kind'],
      ]) {
        const response = await api.request().get(`/v1/sources?${query}`).set(auth(tenant.key));
        expect(response.status).toBe(400);
        expect((response.body as Problem).errors?.[0]?.field).toBe(field);
      }
    });
  });

  describe('GET /v1/sources/{id} and /onboarding', () => {
    it('should give the source with its onboarding, the same as /onboarding, with the root once discovered', async () => {
      const created = (await post('/v1/sources', organizationBody('with-root'))).body as Source;
      await api.sql(
        `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path)
         VALUES ($1, $2, 'r-ab12', 'Root', NULL, '/Root')`,
        [tenant.tenantId, created.id],
      );
      const detail = await api.request().get(`/v1/sources/${created.id}`).set(auth(tenant.key));
      expect(detail.status).toBe(200);
      const source = detail.body as Source;
      expect(
        valueOf(source.onboarding.organizationStackSet as Material, 'OrganizationalUnitIds'),
      ).toBe('r-ab12');
      const onboarding = await api
        .request()
        .get(`/v1/sources/${created.id}/onboarding`)
        .set(auth(tenant.key));
      expect(onboarding.status).toBe(200);
      expect(onboarding.body).toEqual(source.onboarding);
    });

    it('should answer 404 alike for another tenant’s source and a nonexistent one, and 400 for a bad id', async () => {
      const foreign = (await post('/v1/sources', accountsBody('mine', ['111111111111']), other.key))
        .body as Source;
      for (const path of [`/v1/sources/${foreign.id}`, `/v1/sources/${foreign.id}/onboarding`]) {
        const response = await api.request().get(path).set(auth(tenant.key));
        expect(response.status).toBe(404);
        expect((response.body as Problem).detail).toBe(`no source with id ${foreign.id}`);
      }
      const missing = randomUUID();
      const response = await api.request().get(`/v1/sources/${missing}`).set(auth(tenant.key));
      expect(response.status).toBe(404);
      expect((response.body as Problem).detail).toBe(`no source with id ${missing}`);
      const bad = await api.request().get('/v1/sources/not-a-uuid').set(auth(tenant.key));
      expect(bad.status).toBe(400);
      expect((bad.body as Problem).errors?.[0]?.field).toBe('param.id');
    });
  });

  describe('PATCH /v1/sources/{id}', () => {
    it('should change the name, the config (validated against the kind) and preflight', async () => {
      const created = (await post('/v1/sources', accountsBody('to-change', ['111111111111'])))
        .body as Source;
      const response = await api
        .request()
        .patch(`/v1/sources/${created.id}`)
        .set(auth(tenant.key))
        .send({
          name: 'changed',
          preflight: false,
          config: {
            memberRoleName: 'OtherRole',
            accounts: [{ accountId: '111111111111' }, { accountId: '333333333333' }],
          },
        });
      expect(response.status).toBe(200);
      const source = response.body as Source;
      expect(source).toMatchObject({ name: 'changed', preflight: false, kind: 'accounts' });
      expect(source.onboarding.roleName).toBe('OtherRole');
      expect(valueOf(source.onboarding.memberRole, 'RoleName')).toBe('OtherRole');

      const wrongKind = await api
        .request()
        .patch(`/v1/sources/${created.id}`)
        .set(auth(tenant.key))
        .send({ config: organizationBody('x').config });
      expect(wrongKind.status).toBe(422);
      expect((wrongKind.body as Problem).errors?.map((e) => e.field)).toContain('body.config');
    });

    it('should refuse an organization config without managementRoleArn with 422 naming it, keeping the role', async () => {
      const created = (await post('/v1/sources', organizationBody('keeps-its-role')))
        .body as Source;
      const { managementRoleArn, ...config } = organizationBody('x').config;
      const response = await api
        .request()
        .patch(`/v1/sources/${created.id}`)
        .set(auth(tenant.key))
        .send({ config });
      expect(response.status).toBe(422);
      expect((response.body as Problem).errors?.map((e) => e.field)).toEqual([
        'body.config.managementRoleArn',
      ]);
      const [row] = await api.sql<{ config: Record<string, unknown> }>(
        `SELECT config FROM public.sources WHERE id = $1`,
        [created.id],
      );
      expect(row?.config['managementRoleArn']).toBe(managementRoleArn);
    });

    it('should refuse an ExternalId, a taken name, and another tenant’s source', async () => {
      const created = (await post('/v1/sources', accountsBody('patch-me', ['111111111111'])))
        .body as Source;
      await post('/v1/sources', accountsBody('taken', ['111111111111']));
      const patch = (body: object, key = tenant.key) =>
        api.request().patch(`/v1/sources/${created.id}`).set(auth(key)).send(body);

      const withId = await patch({
        config: { memberRoleName: 'R', accounts: [{ accountId: '111111111111', externalId: 'e' }] },
      });
      expect(withId.status).toBe(422);
      expect((withId.body as Problem).errors?.[0]?.field).toBe('body.config.accounts.0.externalId');
      expect((await patch({ name: 'taken' })).status).toBe(409);
      expect((await patch({ name: 'hijacked' }, other.key)).status).toBe(404);
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      expect((await patch({ name: 'by-reader' }, reader)).status).toBe(403);
    });
  });

  describe('DELETE /v1/sources/{id}', () => {
    it('should soft-delete the source, delete its schedules, and free its name', async () => {
      const created = (await post('/v1/sources', accountsBody('to-delete', ['111111111111'])))
        .body as Source;
      const schedule = await post('/v1/schedules', {
        sourceId: created.id,
        name: 'nightly',
        cron: '0 3 * * *',
      });
      expect(schedule.status).toBe(201);
      const scheduleId = (schedule.body as { id: string }).id;

      const foreign = await api.request().delete(`/v1/sources/${created.id}`).set(auth(other.key));
      expect(foreign.status).toBe(404);

      const response = await api
        .request()
        .delete(`/v1/sources/${created.id}`)
        .set(auth(tenant.key));
      expect(response.status).toBe(204);
      const [row] = await api.sql<{ deleted_at: Date | null }>(
        `SELECT deleted_at FROM public.sources WHERE id = $1`,
        [created.id],
      );
      expect(row?.deleted_at).not.toBeNull();
      expect(
        (await api.request().get(`/v1/sources/${created.id}`).set(auth(tenant.key))).status,
      ).toBe(404);
      expect(
        (await api.request().get(`/v1/schedules/${scheduleId}`).set(auth(tenant.key))).status,
      ).toBe(404);
      expect(
        (await api.request().delete(`/v1/sources/${created.id}`).set(auth(tenant.key))).status,
      ).toBe(404);
      expect((await post('/v1/sources', accountsBody('to-delete', ['111111111111']))).status).toBe(
        201,
      );
    });
  });

  describe('POST /v1/sources/{id}/test-connection', () => {
    it('should assume each listed account’s role with the ExternalId: one works, one refused is ok:false with its code', async () => {
      const created = (
        await post('/v1/sources', accountsBody('two-accounts', ['111111111111', '222222222222']))
      ).body as Source;
      proxy.setRules([{ kind: 'assumeRoleRefused', roleArn: /:222222222222:/ }]);

      const response = await post(`/v1/sources/${created.id}/test-connection`, {});
      expect(response.status).toBe(200);
      const result = response.body as ConnectionTest;
      expect(result.summary).toEqual({
        tested: 2,
        ok: 1,
        failed: 1,
        byCode: { ASSUME_ROLE_DENIED: 1 },
      });
      expect(result.coverage).toMatchObject({ accountsKnown: 2, accountsTested: 2 });
      const [good, refused] = result.accounts;
      expect(good).toMatchObject({
        accountId: '111111111111',
        role: 'member',
        roleArn: 'arn:aws:iam::111111111111:role/AuditRole',
        ok: true,
        sourceIdentity: true,
      });
      expect(good?.identityArn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/AuditRole\//);
      expect(refused).toMatchObject({
        accountId: '222222222222',
        ok: false,
        code: 'ASSUME_ROLE_DENIED',
        awsCode: 'AccessDenied',
      });
      expect(refused?.message).toContain('sts:AssumeRole');

      const assumes = proxy.log.filter((entry) => entry.operation === 'AssumeRole');
      expect(assumes.length).toBeGreaterThanOrEqual(2);
      for (const entry of assumes) {
        expect(entry.assumeRole?.externalId).toBe(created.externalId);
      }
      expect(
        proxy.log.some(
          (entry) => entry.operation === 'GetCallerIdentity' && entry.account === '111111111111',
        ),
      ).toBe(true);
    });

    it('should assume the role again on every test (no cached session hides a broken trust)', async () => {
      const created = (await post('/v1/sources', accountsBody('retest', ['444444444444'])))
        .body as Source;
      const first = (await post(`/v1/sources/${created.id}/test-connection`, {}))
        .body as ConnectionTest;
      expect(first.accounts[0]?.ok).toBe(true);
      proxy.setRules([{ kind: 'assumeRoleRefused', roleArn: /:444444444444:/ }]);
      const second = (await post(`/v1/sources/${created.id}/test-connection`, {}))
        .body as ConnectionTest;
      expect(second.accounts[0]).toMatchObject({ ok: false, code: 'ASSUME_ROLE_DENIED' });
    });

    it('should go through the source’s hub role first, asking the ExternalId of the customer’s role only', async () => {
      const hubRoleArn = 'arn:aws:iam::888888888888:role/TenantHub';
      const created = (
        await post('/v1/sources', {
          name: 'via-hub',
          kind: 'accounts',
          config: {
            memberRoleName: 'AuditRole',
            hubRoleArn,
            accounts: [{ accountId: '555555555555' }],
          },
        })
      ).body as Source;
      expect(created.onboarding.hubPrincipalArn).toBe(hubRoleArn);
      const result = (await post(`/v1/sources/${created.id}/test-connection`, {}))
        .body as ConnectionTest;
      expect(result.accounts[0]).toMatchObject({
        roleArn: 'arn:aws:iam::555555555555:role/AuditRole',
        ok: true,
      });
      const assumed = proxy.log
        .filter((entry) => entry.operation === 'AssumeRole' && entry.status === 200)
        .map((entry) => [entry.assumeRole?.roleArn, entry.assumeRole?.externalId]);
      expect(assumed).toEqual([
        [hubRoleArn, undefined],
        ['arn:aws:iam::555555555555:role/AuditRole', created.externalId],
      ]);
    });

    it('should report member roles it cannot name (an unknown partition) as failures, not a 5xx', async () => {
      const created = (
        await post('/v1/sources', {
          ...organizationBody('mars-org'),
          config: {
            ...organizationBody('mars-org').config,
            managementRoleArn: 'arn:aws-mars:iam::111122223333:role/PalisadeDiscoveryRole',
          },
        })
      ).body as Source;
      await api.sql(
        `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state,
                                      first_seen_at, last_seen_at)
         VALUES ($1, $2, '123123123123', 'm', 'ACTIVE', now(), now())`,
        [tenant.tenantId, created.id],
      );
      const response = await post(`/v1/sources/${created.id}/test-connection`, {});
      expect(response.status).toBe(200);
      const member = (response.body as ConnectionTest).accounts.find((a) => a.role === 'member');
      expect(member).toMatchObject({ accountId: '123123123123', ok: false, code: 'AWS_ERROR' });
      expect(member?.message).toContain('names no known AWS partition');
    });

    it('should test the base identity itself, assuming no role for it, for an organization source the CLI made without managementRoleArn', async () => {
      const created = (await post('/v1/sources', organizationBody('cli-made'))).body as Source;
      // What `palisade scan --org` stores without --management-role-arn (the API refuses it).
      await api.sql(
        `UPDATE public.sources SET config = config - 'managementRoleArn' WHERE id = $1`,
        [created.id],
      );
      await api.sql(
        `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state,
                                      first_seen_at, last_seen_at)
         VALUES ($1, $2, '777777777777', 'm', 'ACTIVE', now(), now())`,
        [tenant.tenantId, created.id],
      );
      // Whether moto's default account has an organization depends on other suites: deny it.
      proxy.setRules([
        {
          kind: 'accessDenied',
          account: MOTO_DEFAULT_ACCOUNT,
          service: 'organizations',
          operation: 'DescribeOrganization',
        },
      ]);

      const response = await post(`/v1/sources/${created.id}/test-connection`, {});
      expect(response.status).toBe(200);
      const [management, member] = (response.body as ConnectionTest).accounts;
      expect(management).toMatchObject({
        accountId: MOTO_DEFAULT_ACCOUNT,
        role: 'management',
        roleArn: '',
        ok: false,
        code: 'ACCESS_DENIED',
      });
      expect(member).toMatchObject({
        accountId: '777777777777',
        role: 'member',
        roleArn: 'arn:aws:iam::777777777777:role/PalisadeScanRole',
        ok: true,
      });
      expect(
        proxy.log
          .filter((entry) => entry.operation === 'DescribeOrganization')
          .map((entry) => [entry.accessKeyId, entry.account, entry.injected]),
      ).toEqual([[BASE_KEY, MOTO_DEFAULT_ACCOUNT, 'accessDenied']]);
      expect(
        proxy.log
          .filter((entry) => entry.operation === 'AssumeRole')
          .map((entry) => [entry.assumeRole?.roleArn, entry.assumeRole?.externalId]),
      ).toEqual([['arn:aws:iam::777777777777:role/PalisadeScanRole', created.externalId]]);

      const detail = await api.request().get(`/v1/sources/${created.id}`).set(auth(tenant.key));
      expect(detail.status).toBe(200);
      const source = detail.body as Source;
      expect(source.config).not.toHaveProperty('managementRoleArn');
      expect(source.onboarding.organizationStackSet?.discoveryRoleName).toBe(
        'PalisadeDiscoveryRole',
      );
    });

    describe('an organization source', () => {
      let org: SeededOrganization;

      beforeAll(async () => {
        org = await seedOrganization(depsEnv('PALISADE_MOTO_URL'), {
          units: [{ name: 'Workloads', accounts: [{ name: 'payments' }, { name: 'search' }] }],
        });
      });
      afterAll(() => {
        org?.close();
      });

      it('should test the management role with DescribeOrganization, then the inventory’s ACTIVE accounts', async () => {
        const created = (
          await post('/v1/sources', organizationBody('moto-org', org.managementAccountId))
        ).body as Source;
        const members = [org.accountId('payments'), org.accountId('search')];
        for (const [index, accountId] of members.entries()) {
          await api.sql(
            `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state,
                                          first_seen_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $5, now(), now())`,
            [tenant.tenantId, created.id, accountId, `m${index}`, 'ACTIVE'],
          );
        }
        await api.sql(
          `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state,
                                        first_seen_at, last_seen_at)
           VALUES ($1, $2, '999999999999', 'closed', 'SUSPENDED', now(), now())`,
          [tenant.tenantId, created.id],
        );

        const response = await post(`/v1/sources/${created.id}/test-connection`, {});
        expect(response.status).toBe(200);
        const result = response.body as ConnectionTest;
        expect(result.accounts[0]).toMatchObject({
          accountId: org.managementAccountId,
          role: 'management',
          ok: true,
          organizationId: org.organizationId,
        });
        expect(
          result.accounts
            .slice(1)
            .map((check) => [check.accountId, check.role, check.ok])
            .sort(),
        ).toEqual(members.map((id) => [id, 'member', true]).sort());
        expect(result.coverage).toMatchObject({ accountsKnown: 2, accountsTested: 2, limit: 100 });
        expect(result.summary).toMatchObject({ tested: 3, ok: 3, failed: 0 });
      });

      it('should report a management role that may not DescribeOrganization as ACCESS_DENIED, not a 5xx', async () => {
        const created = (
          await post('/v1/sources', organizationBody('denied-org', org.managementAccountId))
        ).body as Source;
        proxy.setRules([
          { kind: 'accessDenied', service: 'organizations', operation: 'DescribeOrganization' },
        ]);
        const response = await post(`/v1/sources/${created.id}/test-connection`, {});
        expect(response.status).toBe(200);
        const result = response.body as ConnectionTest;
        expect(result.accounts).toHaveLength(1);
        expect(result.accounts[0]).toMatchObject({
          role: 'management',
          ok: false,
          code: 'ACCESS_DENIED',
        });
        expect(result.coverage.note).toContain('run a scan');
      });
    });

    it('should answer 404 for another tenant’s source and 403 without the admin scope', async () => {
      const foreign = (
        await post('/v1/sources', accountsBody('foreign-test', ['111111111111']), other.key)
      ).body as Source;
      expect((await post(`/v1/sources/${foreign.id}/test-connection`, {})).status).toBe(404);
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      expect((await post(`/v1/sources/${foreign.id}/test-connection`, {}, reader)).status).toBe(
        403,
      );
      expect(proxy.log).toHaveLength(0);
    });
  });
});
