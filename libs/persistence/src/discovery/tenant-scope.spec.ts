import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { parseTenantId, type TenantId } from '../tenancy/tenant-id';
import { openDiscoveryRepositories } from './discovery-repositories';
import { TenantScope } from './tenant-scope';

/** A transaction-bound manager whose every query is recorded and answers nothing. */
function fakeManager(inTransaction = true) {
  const query = jest.fn<Promise<unknown>, [string, unknown[]?]>().mockResolvedValue([]);
  const manager = {
    queryRunner: { isTransactionActive: inTransaction },
    query,
  } as unknown as EntityManager;
  return { manager, query };
}

describe('TenantScope', () => {
  const A = parseTenantId(randomUUID());
  const B = parseTenantId(randomUUID());

  it('should set the tenant on the transaction when opened', async () => {
    const { manager, query } = fakeManager();
    const scope = await TenantScope.open(manager, A);
    expect(query).toHaveBeenCalledWith('SELECT set_config($1, $2, true)', ['app.tenant_id', A]);
    expect(scope.tenantId).toBe(A);
    expect(scope.managerFor(A)).toBe(manager);
  });

  it('should refuse to open outside a transaction, where the tenant would not stick', async () => {
    const { manager, query } = fakeManager(false);
    await expect(TenantScope.open(manager, A)).rejects.toMatchObject({
      code: PersistenceErrorCode.NOT_IN_TRANSACTION,
    });
    expect(query).not.toHaveBeenCalled();
  });

  it('should refuse work for another tenant than the one set', async () => {
    const { manager } = fakeManager();
    const scope = await TenantScope.open(manager, A);
    expect(() => scope.managerFor(B)).toThrow(/tenant mismatch/);
  });

  it('should refuse a tenant id that is not a UUID', async () => {
    const { manager } = fakeManager();
    await expect(TenantScope.open(manager, 'tenant-a' as TenantId)).rejects.toMatchObject({
      code: PersistenceErrorCode.INVALID_TENANT_ID,
    });
  });
});

describe('repositories checks before touching the database', () => {
  const A = parseTenantId(randomUUID());
  const B = parseTenantId(randomUUID());
  const SOURCE = randomUUID();

  async function repos() {
    const fake = fakeManager();
    const opened = await openDiscoveryRepositories(fake.manager, A);
    fake.query.mockClear();
    return { ...opened, query: fake.query };
  }

  it("should refuse a call naming another tenant than the transaction's, with no query sent", async () => {
    const r = await repos();
    await expect(r.scans.get(B, randomUUID())).rejects.toMatchObject({
      code: PersistenceErrorCode.INVALID_ARGUMENT,
      message: expect.stringMatching(/tenant mismatch/) as string,
    });
    await expect(r.accounts.listActive(B, SOURCE)).rejects.toThrow(/tenant mismatch/);
    await expect(r.tenantSettings.ensure(B)).rejects.toThrow(/tenant mismatch/);
    expect(r.query).not.toHaveBeenCalled();
  });

  it.each([
    [
      'an account in an OU missing from the OU list',
      [
        {
          accountId: '111111111111',
          name: 'a',
          state: 'ACTIVE' as const,
          ouId: 'ou-ab12-cdef3456',
        },
      ],
      /account 111111111111 is in OU ou-ab12-cdef3456, which is not in the OU list/,
    ],
    [
      'an account id that is not 12 digits',
      [{ accountId: '1111', name: 'a', state: 'ACTIVE' as const }],
      /account id must be 12 digits/,
    ],
    [
      'an account listed twice',
      [
        { accountId: '111111111111', name: 'a', state: 'ACTIVE' as const },
        { accountId: '111111111111', name: 'b', state: 'ACTIVE' as const },
      ],
      /account 111111111111 is listed twice/,
    ],
  ])('should reject an inventory with %s', async (_label, accounts, message) => {
    const r = await repos();
    await expect(r.accounts.upsertInventory(A, SOURCE, accounts, [], new Date())).rejects.toThrow(
      message,
    );
    expect(r.query).not.toHaveBeenCalled();
  });

  it('should refuse a schedule firing whose next run is not after its due time', async () => {
    const r = await repos();
    const due = new Date('2026-01-01T00:00:00Z');
    await expect(r.schedules.claimFiring(A, randomUUID(), due, due, due)).rejects.toMatchObject({
      code: PersistenceErrorCode.INVALID_ARGUMENT,
    });
    expect(r.query).not.toHaveBeenCalled();
  });

  it('should refuse a schedule in an unknown time zone', async () => {
    const r = await repos();
    await expect(
      r.schedules.create(A, {
        sourceId: SOURCE,
        name: 'nightly',
        cron: '0 2 * * *',
        timeZone: 'Europe/Atlantis',
        nextRunAt: new Date(),
      }),
    ).rejects.toThrow('unknown IANA time zone "Europe/Atlantis"');
    expect(r.query).not.toHaveBeenCalled();
  });

  it('should refuse an idempotency key longer than 255 characters', async () => {
    const r = await repos();
    await expect(
      r.scans.insertQueued(A, {
        sourceId: SOURCE,
        trigger: { kind: 'api' },
        idempotencyKey: 'k'.repeat(256),
      }),
    ).rejects.toMatchObject({ code: PersistenceErrorCode.INVALID_ARGUMENT });
    expect(r.query).not.toHaveBeenCalled();
  });
});
