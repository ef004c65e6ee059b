import { PersistenceErrorCode } from '../errors/persistence-error';
import { type TenantId } from '../tenancy/tenant-id';
import {
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
  ORGANIZATION_SOURCE,
} from './test/discovery-fixtures';

describe('SourcesRepository, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let A: TenantId;
  let B: TenantId;

  beforeAll(async () => {
    context = await openDiscoveryTestContext();
    A = await createTenant(context.service);
    B = await createTenant(context.service);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('should create a source with its validated config and list it by name', async () => {
    const source = await context.run(A, (r) => r.sources.create(A, ORGANIZATION_SOURCE));
    expect(source).toMatchObject({
      tenantId: A,
      name: 'Organization',
      kind: 'organization',
      preflight: true,
      deletedAt: null,
      config: {
        managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeManagement',
        memberRoleName: 'PalisadeScan',
        scope: { includeOus: [], excludeOus: [] },
      },
    });
    const clients = await context.run(A, (r) =>
      r.sources.create(A, {
        name: 'Clients',
        kind: 'accounts',
        preflight: false,
        config: { accounts: [{ accountId: '222222222222' }], memberRoleName: 'PalisadeScan' },
      }),
    );
    expect((await context.run(A, (r) => r.sources.list(A))).map((s) => s.id)).toEqual([
      clients.id,
      source.id,
    ]);
    expect(await context.run(B, (r) => r.sources.list(B))).toEqual([]);
  });

  it('should refuse an invalid config before writing anything', async () => {
    await expect(
      context.run(A, (r) =>
        r.sources.create(A, {
          name: 'Bad',
          kind: 'organization',
          config: { managementRoleArn: 'nope', memberRoleName: 'R' },
        }),
      ),
    ).rejects.toMatchObject({
      code: PersistenceErrorCode.INVALID_ARGUMENT,
      message: expect.stringContaining('config.managementRoleArn: an IAM role ARN') as string,
    });
    expect((await context.run(A, (r) => r.sources.list(A))).map((s) => s.name)).not.toContain(
      'Bad',
    );
  });

  it('should keep names unique among live sources only, per tenant', async () => {
    const original = await context.run(A, (r) =>
      r.sources.create(A, { ...ORGANIZATION_SOURCE, name: 'Unique' }),
    );
    await expect(
      context.run(A, (r) => r.sources.create(A, { ...ORGANIZATION_SOURCE, name: 'Unique' })),
    ).rejects.toMatchObject({
      code: '23505',
    });
    await context.run(B, (r) => r.sources.create(B, { ...ORGANIZATION_SOURCE, name: 'Unique' }));
    expect(await context.run(A, (r) => r.sources.softDelete(A, original.id))).toBe(true);
    expect(await context.run(A, (r) => r.sources.softDelete(A, original.id))).toBe(false);
    expect(await context.run(A, (r) => r.sources.get(A, original.id))).toBeNull();
    expect(
      await context.run(A, (r) => r.sources.get(A, original.id, { includeDeleted: true })),
    ).toMatchObject({
      name: 'Unique',
      deletedAt: expect.any(Date) as Date,
    });
    await expect(
      context.run(A, (r) => r.sources.create(A, { ...ORGANIZATION_SOURCE, name: 'Unique' })),
    ).resolves.toMatchObject({
      name: 'Unique',
    });
  });

  it("should update a source, validating the config against its kind, and never another tenant's", async () => {
    const source = await context.run(A, (r) =>
      r.sources.create(A, { ...ORGANIZATION_SOURCE, name: 'ToUpdate' }),
    );
    const updated = await context.run(A, (r) =>
      r.sources.update(A, source.id, {
        preflight: false,
        config: { ...ORGANIZATION_SOURCE.config, regions: ['eu-west-1'] },
      }),
    );
    expect(updated).toMatchObject({
      name: 'ToUpdate',
      preflight: false,
      config: { regions: ['eu-west-1'] },
    });
    await expect(
      context.run(A, (r) =>
        r.sources.update(A, source.id, {
          config: { accounts: [{ accountId: '111111111111' }], memberRoleName: 'R' },
        }),
      ),
    ).rejects.toMatchObject({ code: PersistenceErrorCode.INVALID_ARGUMENT });
    expect(
      await context.run(B, (r) => r.sources.update(B, source.id, { name: 'Hijacked' })),
    ).toBeNull();
    expect(await context.run(B, (r) => r.sources.softDelete(B, source.id))).toBe(false);
    expect((await context.run(A, (r) => r.sources.get(A, source.id)))?.name).toBe('ToUpdate');
  });
});
