import { PersistenceErrorCode } from '../errors/persistence-error';
import { TenantScope } from '../discovery/tenant-scope';
import { createTenant } from '../discovery/test/discovery-fixtures';
import { type TenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import { openTestDataSources, type TestDataSources } from '../testing/test-data-sources';
import {
  type NewSuppressionRule,
  SuppressionRulesRepository,
} from './suppression-rules.repository';

const INVALID = { code: PersistenceErrorCode.INVALID_ARGUMENT };

describe('SuppressionRulesRepository, connected as the service role', () => {
  let ctx: TestDataSources;
  let A: TenantId;
  let B: TenantId;

  /** A unit of work on `tenantId` with the repository bound to its transaction. */
  const run = <T>(tenantId: TenantId, work: (rules: SuppressionRulesRepository) => Promise<T>) =>
    withTenant(ctx.service, tenantId, async (manager) =>
      work(new SuppressionRulesRepository(await TenantScope.open(manager, tenantId))),
    );
  const create = (tenantId: TenantId, input: Partial<NewSuppressionRule>) =>
    run(tenantId, (rules) =>
      rules.create(tenantId, { reason: 'accepted risk', author: 'alice@example.com', ...input }),
    );

  beforeAll(async () => {
    ctx = await openTestDataSources(4);
    A = await createTenant(ctx.service, 'tenant-a');
    B = await createTenant(ctx.service, 'tenant-b');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('should store every criterion, defaulting the others to "any"', async () => {
    const expiresAt = new Date('2027-01-01T00:00:00.123Z');
    const full = await create(A, {
      accountIds: ['111111111111', '222222222222', '111111111111'],
      ouIds: ['ou-ab12-prod0001', 'r-ab12'],
      regions: ['eu-west-1', 'global'],
      checkIds: ['s3_bucket_public_access_blocked'],
      resourcePattern: 'arn:aws:s3:::logs-*',
      tags: { env: 'dev', owner: '' },
      expiresAt,
    });
    expect(full).toMatchObject({
      tenantId: A,
      accountIds: ['111111111111', '222222222222'], // duplicates dropped
      ouIds: ['ou-ab12-prod0001', 'r-ab12'],
      regions: ['eu-west-1', 'global'],
      checkIds: ['s3_bucket_public_access_blocked'],
      resourcePattern: 'arn:aws:s3:::logs-*',
      tags: { env: 'dev', owner: '' },
      reason: 'accepted risk',
      author: 'alice@example.com',
      expiresAt,
    });
    expect(full.createdAt).toBeInstanceOf(Date);
    expect(await run(A, (r) => r.get(A, full.id))).toEqual(full);

    const minimal = await create(A, { regions: ['us-east-1'] });
    expect(minimal).toMatchObject({
      accountIds: [],
      ouIds: [],
      checkIds: [],
      resourcePattern: null,
      tags: {},
      expiresAt: null,
    });
  });

  it.each<[string, Partial<NewSuppressionRule>, RegExp]>([
    ['an account id that is not 12 digits', { accountIds: ['12345'] }, /accountIds\[0\]/],
    ['a region that is not one', { regions: ['Europe'] }, /regions\[0\]/],
    ['a check id that is not one', { checkIds: ['S3 bucket'] }, /checkIds\[0\]/],
    ['an OU id that is not one', { ouIds: ['prod'] }, /ouIds\[0\]/],
    ['an empty resource pattern', { resourcePattern: '' }, /resourcePattern/],
    ['a resource pattern over 2048 characters', { resourcePattern: 'a'.repeat(2049) }, /2048/],
    ['a tag value that is not a string', { tags: { env: 1 as unknown as string } }, /tags\.env/],
    ['an empty tag key', { tags: { '': 'x' } }, /tags/],
    ['no criterion at all', {}, /at least one criterion/],
    ['an empty reason', { regions: ['eu-west-1'], reason: '' }, /reason/],
    ['an unknown field', { regions: ['eu-west-1'], note: 'x' } as never, /note/],
  ])('should refuse %s', async (_what, input, message) => {
    const result = create(A, input);
    await expect(result).rejects.toMatchObject(INVALID);
    await expect(result).rejects.toThrow(message);
  });

  it('should list the rules oldest first, the expired ones only when not asked for active ones', async () => {
    const tenant = await createTenant(ctx.service);
    const first = await create(tenant, { regions: ['eu-west-1'] });
    const expired = await create(tenant, {
      regions: ['eu-west-2'],
      expiresAt: new Date(Date.now() - 1_000),
    });
    const third = await create(tenant, {
      regions: ['eu-west-3'],
      expiresAt: new Date(Date.now() + 60_000),
    });
    const ids = (list: { id: string }[]) => list.map((rule) => rule.id);
    expect(ids(await run(tenant, (r) => r.list(tenant)))).toEqual([first.id, expired.id, third.id]);
    expect(ids(await run(tenant, (r) => r.list(tenant, { activeAt: new Date() })))).toEqual([
      first.id,
      third.id,
    ]);
  });

  it('should update the fields given, clear the pattern and expiry with null, and validate the result', async () => {
    const rule = await create(A, {
      accountIds: ['111111111111'],
      resourcePattern: 'arn:aws:s3:::*',
      expiresAt: new Date('2027-01-01T00:00:00Z'),
    });
    const updated = await run(A, (r) =>
      r.update(A, rule.id, { regions: ['eu-west-1'], resourcePattern: null, expiresAt: null }),
    );
    expect(updated).toMatchObject({
      id: rule.id,
      accountIds: ['111111111111'],
      regions: ['eu-west-1'],
      resourcePattern: null,
      expiresAt: null,
      reason: rule.reason,
      createdAt: rule.createdAt,
    });
    expect(updated?.updatedAt.getTime()).toBeGreaterThanOrEqual(rule.updatedAt.getTime());

    // Emptying the last criteria is refused, and changes nothing.
    await expect(
      run(A, (r) => r.update(A, rule.id, { accountIds: [], regions: [] })),
    ).rejects.toMatchObject(INVALID);
    expect(await run(A, (r) => r.get(A, rule.id))).toEqual(updated);
  });

  it('should delete a rule once', async () => {
    const rule = await create(A, { regions: ['eu-west-1'] });
    expect(await run(A, (r) => r.delete(A, rule.id))).toBe(true);
    expect(await run(A, (r) => r.delete(A, rule.id))).toBe(false);
    expect(await run(A, (r) => r.get(A, rule.id))).toBeNull();
    expect(await run(A, (r) => r.update(A, rule.id, { regions: ['eu-west-2'] }))).toBeNull();
  });

  it("should never see, change or delete another tenant's rule", async () => {
    const rule = await create(A, { regions: ['eu-west-1'] });
    expect(await run(B, (r) => r.get(B, rule.id))).toBeNull();
    expect(await run(B, (r) => r.list(B))).toEqual([]);
    expect(await run(B, (r) => r.update(B, rule.id, { regions: ['eu-west-2'] }))).toBeNull();
    expect(await run(B, (r) => r.delete(B, rule.id))).toBe(false);
    expect(await run(A, (r) => r.get(A, rule.id))).toEqual(rule);
    // A repository of B's transaction refuses to work for A.
    await expect(run(B, (r) => r.get(A, rule.id))).rejects.toMatchObject(INVALID);
  });
});
