import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { type TenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import { DEFAULT_CHECK_SETTINGS } from './check-settings';
import { withDiscoveryRepositories } from './discovery-repositories';
import { isExternalId } from './external-id';
import {
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
} from './test/discovery-fixtures';

describe('TenantSettingsRepository, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let replica: DataSource;
  let A: TenantId;
  let B: TenantId;

  beforeAll(async () => {
    context = await openDiscoveryTestContext(6);
    replica = await createDataSource({
      url: context.db.serviceUrl,
      role: 'service',
      poolSize: 6,
    }).initialize();
    A = await createTenant(context.service);
    B = await createTenant(context.service);
  });

  afterAll(async () => {
    await replica?.destroy();
    await context?.close();
  });

  it('should create the settings once with a generated ExternalId, then return the same row', async () => {
    const first = await context.run(A, (r) => r.tenantSettings.ensure(A));
    expect(isExternalId(first.externalId)).toBe(true);
    expect(first.checkSettings).toEqual({});
    const again = await context.run(A, (r) => r.tenantSettings.ensure(A));
    expect(again.externalId).toBe(first.externalId);
    const other = await context.run(B, (r) => r.tenantSettings.ensure(B));
    expect(other.externalId).not.toBe(first.externalId);
  });

  it('should agree on one ExternalId when replicas ensure the settings concurrently', async () => {
    const tenant = await createTenant(context.service);
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        withDiscoveryRepositories(
          i % 2 ? replica : context.service,
          tenant,
          async (r) => (await r.tenantSettings.ensure(tenant)).externalId,
        ),
      ),
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('should refuse an ExternalId STS would refuse at the database too', async () => {
    const tenant = await createTenant(context.service);
    for (const externalId of ['x', `${'a'.repeat(40)}'`, 'with space', 'a'.repeat(1225)]) {
      await expect(
        withTenant(context.service, tenant, (m) =>
          m.query('INSERT INTO public.tenant_settings (tenant_id, external_id) VALUES ($1, $2)', [
            tenant,
            externalId,
          ]),
        ),
      ).rejects.toMatchObject({ code: '23514' });
    }
  });

  it('should store validated check overrides and merge them over the defaults', async () => {
    expect(await context.run(B, (r) => r.tenantSettings.effectiveCheckSettings(B))).toEqual(
      DEFAULT_CHECK_SETTINGS,
    );
    const saved = await context.run(B, (r) =>
      r.tenantSettings.setCheckSettings(B, {
        'iam.unusedCredentialDays': 30,
        'ec2.adminPorts': [22],
      }),
    );
    expect(saved.checkSettings).toEqual({ 'iam.unusedCredentialDays': 30, 'ec2.adminPorts': [22] });
    expect(await context.run(B, (r) => r.tenantSettings.effectiveCheckSettings(B))).toEqual({
      ...DEFAULT_CHECK_SETTINGS,
      'iam.unusedCredentialDays': 30,
      'ec2.adminPorts': [22],
    });
    await expect(
      context.run(B, (r) =>
        r.tenantSettings.setCheckSettings(B, { 'iam.unusedCredentialDays': 'soon' }),
      ),
    ).rejects.toMatchObject({ code: PersistenceErrorCode.INVALID_ARGUMENT });
    expect(await context.run(A, (r) => r.tenantSettings.effectiveCheckSettings(A))).toEqual(
      DEFAULT_CHECK_SETTINGS,
    );
  });
});
