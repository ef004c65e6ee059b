import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface SettingsBody {
  checkSettings: Record<string, unknown>;
  overrides: Record<string, unknown>;
}
interface ProblemBody {
  errors?: { field: string; detail: string }[];
}

const DEFAULTS = {
  'iam.unusedCredentialDays': 45,
  'iam.accessKeyMaxAgeDays': 90,
  'iam.passwordMinLength': 14,
  'iam.passwordReusePrevention': 24,
  'ec2.adminPorts': [22, 3389],
  'ec2.cifsPorts': [445, 139],
  'kms.rotationRequired': true,
};

describe('/v1/settings', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;

  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  const put = (key: string, body: unknown) =>
    api
      .request()
      .put('/v1/settings')
      .set(bearer(key))
      .send(body as object);

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant();
  });
  afterAll(async () => {
    await api.close();
  });

  it('should show the CIS defaults and no overrides to a findings:read key', async () => {
    const reader = await api.createKey(tenant.tenantId, ['findings:read']);
    const response = await api.request().get('/v1/settings').set(bearer(reader));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ checkSettings: DEFAULTS, overrides: {} });
  });

  it('should replace the overrides and show the values in force (stored for the scans to read)', async () => {
    const response = await put(tenant.key, {
      checkSettings: { 'iam.accessKeyMaxAgeDays': 30, 'ec2.adminPorts': [22, 3389, 5985] },
    });
    expect(response.status).toBe(200);
    const expected = {
      checkSettings: {
        ...DEFAULTS,
        'iam.accessKeyMaxAgeDays': 30,
        'ec2.adminPorts': [22, 3389, 5985],
      },
      overrides: { 'iam.accessKeyMaxAgeDays': 30, 'ec2.adminPorts': [22, 3389, 5985] },
    };
    expect(response.body).toEqual(expected);
    expect((await api.request().get('/v1/settings').set(bearer(tenant.key))).body).toEqual(
      expected,
    );
    const [row] = await api.sql<{ check_settings: unknown }>(
      `SELECT check_settings FROM public.tenant_settings WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(row?.check_settings).toEqual(expected.overrides);

    const replaced = await put(tenant.key, { checkSettings: { 'kms.rotationRequired': false } });
    expect((replaced.body as SettingsBody).overrides).toEqual({ 'kms.rotationRequired': false });
    expect((replaced.body as SettingsBody).checkSettings['iam.accessKeyMaxAgeDays']).toBe(90);

    const reset = await put(tenant.key, { checkSettings: {} });
    expect(reset.body).toEqual({ checkSettings: DEFAULTS, overrides: {} });
  });

  it('should refuse unknown settings and out-of-range values (422), naming each field, and keep the previous overrides', async () => {
    await put(tenant.key, { checkSettings: { 'iam.passwordMinLength': 16 } });
    const cases: [unknown, string[]][] = [
      [{ checkSettings: { 'iam.rootMfa': true } }, ['body.checkSettings.iam.rootMfa']],
      [
        { checkSettings: { 'iam.passwordMinLength': 4 } },
        ['body.checkSettings.iam.passwordMinLength'],
      ],
      [
        { checkSettings: { 'iam.unusedCredentialDays': 2.5 } },
        ['body.checkSettings.iam.unusedCredentialDays'],
      ],
      [
        { checkSettings: { 'ec2.adminPorts': [22, 70000] } },
        ['body.checkSettings.ec2.adminPorts.1'],
      ],
      [
        { checkSettings: { 'kms.rotationRequired': 'yes' } },
        ['body.checkSettings.kms.rotationRequired'],
      ],
      [
        { checkSettings: { 'iam.passwordReusePrevention': 25, bogus: 1 } },
        ['body.checkSettings.iam.passwordReusePrevention', 'body.checkSettings.bogus'],
      ],
      [{}, ['body.checkSettings']],
      [{ checkSettings: [] }, ['body.checkSettings']],
    ];
    for (const [body, fields] of cases) {
      const response = await put(tenant.key, body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
      expect((response.body as ProblemBody).errors?.map((e) => e.field).sort()).toEqual(
        [...fields].sort(),
      );
    }
    const after = await api.request().get('/v1/settings').set(bearer(tenant.key));
    expect((after.body as SettingsBody).overrides).toEqual({ 'iam.passwordMinLength': 16 });
  });

  it('should refuse writes without the admin scope (403) and reads without findings:read (403)', async () => {
    const reader = await api.createKey(tenant.tenantId, ['findings:read']);
    expect((await put(reader, { checkSettings: {} })).status).toBe(403);
    const writer = await api.createKey(tenant.tenantId, ['scans:write']);
    expect((await api.request().get('/v1/settings').set(bearer(writer))).status).toBe(403);
  });

  it("should keep each tenant's settings to itself", async () => {
    const other = await api.createTenant();
    await put(tenant.key, { checkSettings: { 'iam.passwordMinLength': 20 } });
    expect((await put(other.key, { checkSettings: { 'iam.passwordMinLength': 10 } })).status).toBe(
      200,
    );
    const mine = await api.request().get('/v1/settings').set(bearer(tenant.key));
    expect((mine.body as SettingsBody).overrides).toEqual({ 'iam.passwordMinLength': 20 });
    const theirs = await api.request().get('/v1/settings').set(bearer(other.key));
    expect((theirs.body as SettingsBody).overrides).toEqual({ 'iam.passwordMinLength': 10 });
  });

  it('should ignore a stored override that is no longer valid instead of failing the read', async () => {
    const legacy = await api.createTenant();
    await api.sql(
      `INSERT INTO public.tenant_settings (tenant_id, external_id, check_settings)
       VALUES ($1, $2, '{"iam.passwordMinLength": 2, "retired.setting": 1, "iam.accessKeyMaxAgeDays": 60}')`,
      [legacy.tenantId, 'y'.repeat(40)],
    );
    const response = await api.request().get('/v1/settings').set(bearer(legacy.key));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      checkSettings: { ...DEFAULTS, 'iam.accessKeyMaxAgeDays': 60 },
      overrides: { 'iam.accessKeyMaxAgeDays': 60 },
    });
  });
});
