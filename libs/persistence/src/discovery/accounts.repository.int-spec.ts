import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { type TenantId } from '../tenancy/tenant-id';
import { type DiscoveredAccount } from './accounts.repository';
import { withDiscoveryRepositories } from './discovery-repositories';
import { type DiscoveredOrganizationalUnit } from './organizational-units.repository';
import {
  createSource,
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
  ORGANIZATION_SOURCE,
} from './test/discovery-fixtures';

const ROOT: DiscoveredOrganizationalUnit = {
  ouId: 'r-ab12',
  name: 'Root',
  parentId: null,
  path: '/Root',
};
const WORKLOADS: DiscoveredOrganizationalUnit = {
  ouId: 'ou-ab12-workload',
  name: 'Workloads',
  parentId: 'r-ab12',
  path: '/Root/Workloads',
};
const PROD: DiscoveredOrganizationalUnit = {
  ouId: 'ou-ab12-prod0001',
  name: 'Prod',
  parentId: 'ou-ab12-workload',
  path: '/Root/Workloads/Prod',
};
const SANDBOX: DiscoveredOrganizationalUnit = {
  ouId: 'ou-ab12-sandbox1',
  name: 'Sandbox',
  parentId: 'r-ab12',
  path: '/Root/Sandbox',
};

const account = (
  accountId: string,
  ouId: string,
  extra: Partial<DiscoveredAccount> = {},
): DiscoveredAccount => ({
  accountId,
  name: `account ${accountId}`,
  email: `${accountId}@example.com`,
  state: 'ACTIVE',
  ouId,
  tags: { env: 'prod' },
  joinedAt: new Date('2024-01-01T00:00:00Z'),
  ...extra,
});

const at = (iso: string) => new Date(iso);

describe('AccountsRepository.upsertInventory, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let tenant: TenantId;
  let sourceId: string;

  const upsert = (
    accounts: DiscoveredAccount[],
    ous: DiscoveredOrganizationalUnit[],
    seenAt: Date,
    source = sourceId,
  ) =>
    context.run(tenant, (r) => r.accounts.upsertInventory(tenant, source, accounts, ous, seenAt));
  const active = (source = sourceId) =>
    context.run(tenant, (r) => r.accounts.listActive(tenant, source));

  beforeAll(async () => {
    context = await openDiscoveryTestContext();
    tenant = await createTenant(context.service);
    sourceId = (await createSource(context, tenant)).id;
  });

  afterAll(async () => {
    await context?.close();
  });

  it('should add, move, update, remove and bring back accounts, counting each once', async () => {
    const ous = [ROOT, WORKLOADS, PROD, SANDBOX];
    const first = await upsert(
      [
        account('111111111111', PROD.ouId),
        account('222222222222', SANDBOX.ouId),
        account('333333333333', ROOT.ouId),
      ],
      ous,
      at('2026-01-01T00:00:00Z'),
    );
    expect(first).toEqual({
      added: 3,
      returned: 0,
      moved: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      ousRemoved: 0,
    });
    expect((await active()).map((a) => [a.accountId, a.ouPath])).toEqual([
      ['111111111111', '/Root/Workloads/Prod'],
      ['222222222222', '/Root/Sandbox'],
      ['333333333333', '/Root'],
    ]);

    // 111 moves to Sandbox, 222 is renamed, 333 leaves, 444 joins; the Prod OU is gone.
    const second = await upsert(
      [
        account('111111111111', SANDBOX.ouId),
        account('222222222222', SANDBOX.ouId, { name: 'renamed', state: 'SUSPENDED' }),
        account('444444444444', WORKLOADS.ouId),
      ],
      [ROOT, WORKLOADS, SANDBOX],
      at('2026-01-02T00:00:00Z'),
    );
    expect(second).toEqual({
      added: 1,
      returned: 0,
      moved: 1,
      updated: 1,
      unchanged: 0,
      removed: 1,
      ousRemoved: 1,
    });
    const afterSecond = await context.run(tenant, (r) =>
      r.accounts.findByAccountIds(tenant, sourceId, [
        '111111111111',
        '222222222222',
        '333333333333',
      ]),
    );
    expect(
      afterSecond.map((a) => [a.accountId, a.ouId, a.ouPath, a.name, a.state, a.removedAt]),
    ).toEqual([
      ['111111111111', SANDBOX.ouId, '/Root/Sandbox', 'account 111111111111', 'ACTIVE', null],
      ['222222222222', SANDBOX.ouId, '/Root/Sandbox', 'renamed', 'SUSPENDED', null],
      [
        '333333333333',
        ROOT.ouId,
        '/Root',
        'account 333333333333',
        'ACTIVE',
        at('2026-01-02T00:00:00Z'),
      ],
    ]);
    expect((await active()).map((a) => a.accountId)).toEqual([
      '111111111111',
      '222222222222',
      '444444444444',
    ]);
    const units = await context.run(tenant, (r) =>
      r.organizationalUnits.list(tenant, sourceId, { includeRemoved: true }),
    );
    expect(units.map((u) => [u.ouId, u.removedAt])).toEqual([
      [ROOT.ouId, null],
      [SANDBOX.ouId, null],
      [WORKLOADS.ouId, null],
      [PROD.ouId, at('2026-01-02T00:00:00Z')],
    ]);

    // 333 comes back (to Prod, which is back too); the others are unchanged.
    const third = await upsert(
      [
        account('111111111111', SANDBOX.ouId),
        account('222222222222', SANDBOX.ouId, { name: 'renamed', state: 'SUSPENDED' }),
        account('333333333333', PROD.ouId),
        account('444444444444', WORKLOADS.ouId),
      ],
      ous,
      at('2026-01-03T00:00:00Z'),
    );
    expect(third).toEqual({
      added: 0,
      returned: 1,
      moved: 0,
      updated: 0,
      unchanged: 3,
      removed: 0,
      ousRemoved: 0,
    });
    const [back] = await context.run(tenant, (r) =>
      r.accounts.findByAccountIds(tenant, sourceId, ['333333333333']),
    );
    expect(back).toMatchObject({
      removedAt: null,
      ouPath: '/Root/Workloads/Prod',
      firstSeenAt: at('2026-01-01T00:00:00Z'),
      lastSeenAt: at('2026-01-03T00:00:00Z'),
    });
    expect(
      await context.run(tenant, (r) => r.organizationalUnits.list(tenant, sourceId)),
    ).toHaveLength(4);

    // An unchanged account whose OU was renamed gets the new path (an update, not a move).
    const fourth = await upsert(
      [
        account('111111111111', SANDBOX.ouId),
        account('222222222222', SANDBOX.ouId, { name: 'renamed', state: 'SUSPENDED' }),
        account('333333333333', PROD.ouId),
        account('444444444444', WORKLOADS.ouId),
      ],
      [ROOT, WORKLOADS, PROD, { ...SANDBOX, name: 'Playground', path: '/Root/Playground' }],
      at('2026-01-04T00:00:00Z'),
    );
    expect(fourth).toMatchObject({ moved: 0, updated: 2, unchanged: 2 });
    expect((await active()).filter((a) => a.ouId === SANDBOX.ouId).map((a) => a.ouPath)).toEqual([
      '/Root/Playground',
      '/Root/Playground',
    ]);
  });

  it("should leave other sources' accounts alone, and find accounts by row id", async () => {
    const other = (
      await createSource(context, tenant, {
        name: 'Clients',
        kind: 'accounts',
        config: { accounts: [{ accountId: '999999999999' }], memberRoleName: 'PalisadeScan' },
      })
    ).id;
    const counts = await upsert(
      [
        {
          accountId: '999999999999',
          name: 'client',
          state: 'ACTIVE',
          roleArn: 'arn:aws:iam::999999999999:role/Custom',
        },
      ],
      [],
      at('2026-01-05T00:00:00Z'),
      other,
    );
    expect(counts).toMatchObject({ added: 1, removed: 0 });
    expect((await active()).length).toBe(4);
    const [client] = await active(other);
    expect(client).toMatchObject({
      accountId: '999999999999',
      ouId: null,
      ouPath: null,
      roleArn: 'arn:aws:iam::999999999999:role/Custom',
      tags: {},
    });
    const found = await context.run(tenant, (r) =>
      r.accounts.findByIds(tenant, [client?.id ?? '']),
    );
    expect(found.map((a) => a.accountId)).toEqual(['999999999999']);

    // An empty inventory removes every account of that source only.
    expect(await upsert([], [], at('2026-01-06T00:00:00Z'), other)).toMatchObject({ removed: 1 });
    expect(await active(other)).toEqual([]);
    expect((await active()).length).toBe(4);
  });

  it('should upsert an inventory larger than one statement chunk', async () => {
    const big = (
      await createSource(context, tenant, {
        ...{
          name: 'Big',
          kind: 'organization',
          config: { managementRoleArn: 'arn:aws:iam::111111111111:role/M', memberRoleName: 'R' },
        },
      })
    ).id;
    const accounts = Array.from({ length: 1_234 }, (_, i) =>
      account(String(100_000_000_000 + i), ROOT.ouId),
    );
    expect(await upsert(accounts, [ROOT], at('2026-02-01T00:00:00Z'), big)).toMatchObject({
      added: 1_234,
    });
    expect(await upsert(accounts.slice(1), [ROOT], at('2026-02-02T00:00:00Z'), big)).toMatchObject({
      unchanged: 1_233,
      removed: 1,
    });
    expect((await active(big)).length).toBe(1_233);
  });

  it('should not deadlock when two replicas upsert overlapping inventories of one source', async () => {
    const shared = (await createSource(context, tenant, { ...ORGANIZATION_SOURCE, name: 'Shared' }))
      .id;
    const replica = await createDataSource({
      url: context.db.serviceUrl,
      role: 'service',
      poolSize: 2,
    }).initialize();
    try {
      // No OUs: concurrent runs with the same OUs would already serialise on the OU rows.
      const accounts = Array.from({ length: 1_100 }, (_, i) => ({
        ...account(String(300_000_000_000 + i), ROOT.ouId),
        ouId: null,
      }));
      const run = (ds: DataSource, list: DiscoveredAccount[]) =>
        withDiscoveryRepositories(ds, tenant, (r) =>
          r.accounts.upsertInventory(tenant, shared, list, [], at('2026-02-03T00:00:00Z')),
        );
      const shuffled = [...accounts.slice(550), ...accounts.slice(0, 550)];
      // Open every pooled connection first, so that the runs below really overlap.
      await Promise.all([1, 2].map(() => replica.query('SELECT pg_sleep(0.05)')));
      const results = await Promise.all([
        run(context.service, accounts),
        run(replica, [...accounts].reverse()),
        run(replica, shuffled),
      ]);
      // Each run counts every account it saw exactly once. (Which run counts a row as `added`
      // is a race: a run that waited on another's insert may count it too.)
      for (const r of results) {
        expect(r.added + r.returned + r.moved + r.updated + r.unchanged).toBe(1_100);
        expect(r.removed).toBe(0);
      }
    } finally {
      await replica.destroy();
    }
    expect((await active(shared)).length).toBe(1_100);
  });

  it("should refuse an inventory for another tenant's source", async () => {
    const stranger = await createTenant(context.service);
    const strangersSource = (await createSource(context, stranger)).id;
    await expect(
      upsert([account('555555555555', ROOT.ouId)], [ROOT], new Date(), strangersSource),
    ).rejects.toMatchObject({
      code: '23503',
    });
  });
});
