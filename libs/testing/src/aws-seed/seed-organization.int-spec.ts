// seedOrganization against real moto (no proxy): what it creates is what Organizations then
// reports, and organizations seeded side by side on one server never see each other.
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  type OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { exampleOrganizationSpec } from './example-organizations';
import { depsEnv } from '../deps/deps-env';
import { seedOrganization } from './seed-organization';
import { type SeededOrganization } from './seeded-organization';

async function listAccounts(org: SeededOrganization): Promise<{ id: string; state: string }[]> {
  const all: { id: string; state: string }[] = [];
  for await (const page of paginateListAccounts({ client: org.client, pageSize: 20 }, {})) {
    for (const a of page.Accounts ?? []) all.push({ id: a.Id ?? '', state: a.State ?? '' });
  }
  return all;
}

describe('seedOrganization (moto)', () => {
  const opened: SeededOrganization[] = [];
  const seed = async (...args: Parameters<typeof seedOrganization>) => {
    const org = await seedOrganization(...args);
    opened.push(org);
    return org;
  };
  afterAll(() => opened.forEach((o) => o.close()));

  it('should keep two organizations on one server apart, each in its own management account', async () => {
    const a = await seed(depsEnv('PALISADE_MOTO_URL'), { accounts: [{ name: 'only-in-a' }] });
    const b = await seed(depsEnv('PALISADE_MOTO_URL'), {
      accounts: [{ name: 'only-in-b' }, { name: 'also-b' }],
    });

    expect(a.managementAccountId).not.toBe(b.managementAccountId);
    expect(a.organizationId).not.toBe(b.organizationId);
    expect((await listAccounts(a)).map((x) => x.id).sort()).toEqual(
      [a.managementAccountId, a.accountId('only-in-a')].sort(),
    );
    expect((await listAccounts(b)).map((x) => x.id).sort()).toEqual(
      [b.managementAccountId, b.accountId('only-in-b'), b.accountId('also-b')].sort(),
    );
    const described = await b.client.send(new DescribeOrganizationCommand({}));
    expect(described.Organization).toMatchObject({
      Id: b.organizationId,
      MasterAccountId: b.managementAccountId,
    });
  });

  it('should refuse to seed a second organization into a management account that has one', async () => {
    const a = await seed(depsEnv('PALISADE_MOTO_URL'), {});
    await expect(
      seedOrganization(depsEnv('PALISADE_MOTO_URL'), {
        managementAccountId: a.managementAccountId,
      }),
    ).rejects.toMatchObject({ name: 'AlreadyInOrganizationException' });
  });

  describe('the example organization', () => {
    let org: SeededOrganization;
    let client: OrganizationsClient;
    beforeAll(async () => {
      org = await seed(depsEnv('PALISADE_MOTO_URL'), exampleOrganizationSpec());
      client = org.client;
    });

    it('should create the OU tree three levels deep with every OU id by path', async () => {
      const prod = org.ouId('Root/Workloads/Prod');
      const children = await client.send(
        new ListOrganizationalUnitsForParentCommand({ ParentId: prod }),
      );
      expect(children.OrganizationalUnits?.map((o) => [o.Name, o.Id]).sort()).toEqual(
        [
          ['Payments', org.ouId('Root/Workloads/Prod/Payments')],
          ['Web', org.ouId('Root/Workloads/Prod/Web')],
        ].sort(),
      );
      const roots = await client.send(new ListRootsCommand({}));
      expect(roots.Roots?.[0]?.Id).toBe(org.rootId);
      expect(roots.Roots?.[0]?.PolicyTypes?.map((t) => t.Type).sort()).toEqual([
        'SERVICE_CONTROL_POLICY',
        'TAG_POLICY',
      ]);
    });

    it('should put each account in its OU with its tags', async () => {
      const inPayments = await client.send(
        new ListAccountsForParentCommand({ ParentId: org.ouId('Root/Workloads/Prod/Payments') }),
      );
      expect(inPayments.Accounts?.map((a) => a.Name).sort()).toEqual([
        'pay-api-prod',
        'pay-batch-prod',
        'pay-db-prod',
        'pay-reports-prod',
      ]);
      const tags = await client.send(
        new ListTagsForResourceCommand({ ResourceId: org.accountId('pay-db-prod') }),
      );
      expect(tags.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'env', Value: 'prod' },
          { Key: 'team', Value: 'payments' },
        ]),
      );
      expect(org.accounts['pay-db-prod']).toMatchObject({
        ouPath: 'Root/Workloads/Prod/Payments',
        state: 'ACTIVE',
      });
    });

    it('should report the suspended account SUSPENDED and leave out the one that left', async () => {
      const accounts = await listAccounts(org);
      expect(accounts).toContainEqual({ id: org.accountId('retired-app'), state: 'SUSPENDED' });
      expect(accounts.map((a) => a.id)).not.toContain(org.accountId('departed'));
      expect(org.accounts.departed?.state).toBe('REMOVED');
      // 27 members seeded, one left: 26 plus the management account.
      expect(accounts).toHaveLength(27);
    });

    it('should attach the policies to their OUs and register the delegated administrator', async () => {
      const targets = await client.send(
        new ListTargetsForPolicyCommand({ PolicyId: org.policyIds.DenyLeaveOrganization }),
      );
      expect(targets.Targets?.map((t) => t.TargetId).sort()).toEqual(
        [org.ouId('Root/Workloads'), org.ouId('Root/Security')].sort(),
      );
      const admins = await client.send(new ListDelegatedAdministratorsCommand({}));
      expect(admins.DelegatedAdministrators?.map((d) => d.Id)).toEqual([org.accountId('audit')]);
    });
  });

  it('should make the later moves and departures only when asked, and say what it did', async () => {
    const org = await seed(depsEnv('PALISADE_MOTO_URL'), {
      units: [
        {
          name: 'From',
          accounts: [
            { name: 'mover', moveTo: 'Root/To' },
            { name: 'leaver', leave: 'later' },
          ],
        },
        { name: 'To' },
      ],
    });
    const before = await org.client.send(
      new ListAccountsForParentCommand({ ParentId: org.ouId('Root/From') }),
    );
    expect(before.Accounts?.map((a) => a.Name).sort()).toEqual(['leaver', 'mover']);

    const changes = await org.applyLaterChanges();

    expect(changes).toEqual({
      moved: [{ accountId: org.accountId('mover'), from: 'Root/From', to: 'Root/To' }],
      removed: [org.accountId('leaver')],
    });
    const to = await org.client.send(
      new ListAccountsForParentCommand({ ParentId: org.ouId('Root/To') }),
    );
    expect(to.Accounts?.map((a) => a.Name)).toEqual(['mover']);
    expect((await listAccounts(org)).map((a) => a.id)).not.toContain(org.accountId('leaver'));
    expect(await org.applyLaterChanges()).toEqual({ moved: [], removed: [] });
  });
});
