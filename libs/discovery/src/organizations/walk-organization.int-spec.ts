// The Organizations walk against real moto through the fault proxy: a 27-member organization
// in OUs three levels deep (tags, a suspended account, one that left, one that moves later).
import { ouSnapshotSchema } from '@palisade/contracts';
import { classifyAwsError } from '@palisade/aws';
import {
  type AwsProxy,
  depsEnv,
  exampleOrganizationSpec,
  managementClient,
  type ManagementClient,
  randomAccountId,
  type SeededOrganization,
  seedOrganization,
  startAwsProxy,
} from '@palisade/testing';
import { applyScope } from './account-scope';
import { type OrganizationInventory } from './organization-inventory';
import { toOuSnapshot } from './ou-snapshot';
import { walkOrganization } from './walk-organization';

/** What the walk should report for each account, from what was seeded. */
function expectedAccounts(org: SeededOrganization) {
  const members = Object.values(org.accounts)
    .filter((a) => a.state !== 'REMOVED')
    .map((a) => ({
      accountId: a.accountId,
      name: a.name,
      ouPath: a.ouPath,
      state: a.state,
      tags: a.tags,
    }));
  const management = {
    accountId: org.managementAccountId,
    name: 'master',
    ouPath: 'Root',
    state: 'ACTIVE',
    tags: { env: 'management', team: 'platform' },
  };
  return [management, ...members].sort((a, b) => a.accountId.localeCompare(b.accountId));
}

function comparable(inventory: OrganizationInventory) {
  return inventory.accounts.map((a) => ({
    accountId: a.accountId,
    name: a.name,
    ouPath: a.ouPath,
    state: a.state,
    tags: a.tags,
  }));
}

function orgsCalls(proxy: AwsProxy): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of proxy.log) {
    if (e.service === 'organizations') counts[e.operation] = (counts[e.operation] ?? 0) + 1;
  }
  return counts;
}

describe('walkOrganization (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  const opened: { close(): void }[] = [];

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL'), seed: 7 });
  });
  afterAll(async () => {
    opened.forEach((o) => o.close());
    if (proxy) await proxy.close();
  });
  beforeEach(() => proxy.clearRules());

  async function seedExample(): Promise<SeededOrganization> {
    // Seeded straight into moto, so the proxy log holds only the walk's calls.
    const org = await seedOrganization(depsEnv('PALISADE_MOTO_URL'), exampleOrganizationSpec());
    opened.push(org);
    return org;
  }

  async function clientFor(org: SeededOrganization): Promise<ManagementClient> {
    const m = await managementClient(proxy.url, org.managementAccountId);
    opened.push({ close: () => m.factory.destroy() });
    return m;
  }

  describe('the example organization', () => {
    let org: SeededOrganization;
    let mgmt: ManagementClient;
    let inventory: OrganizationInventory;

    beforeAll(async () => {
      org = await seedExample();
      mgmt = await clientFor(org);
      proxy.clearLog();
      inventory = await walkOrganization(mgmt.client);
    });

    it('should identify the organization, its management account and root', () => {
      expect(inventory).toMatchObject({
        organizationId: org.organizationId,
        managementAccountId: org.managementAccountId,
        rootId: org.rootId,
        featureSet: 'ALL',
        enabledPolicyTypes: ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'],
      });
    });

    it('should find every OU three levels deep with its parent and path', () => {
      expect(inventory.units.map((u) => [u.path, u.id]).sort()).toEqual(
        Object.entries(org.ouIds).sort(),
      );
      const payments = inventory.units.find((u) => u.path === 'Root/Workloads/Prod/Payments');
      expect(payments).toEqual({
        id: org.ouId('Root/Workloads/Prod/Payments'),
        name: 'Payments',
        parentId: org.ouId('Root/Workloads/Prod'),
        path: 'Root/Workloads/Prod/Payments',
      });
      expect(inventory.units[0]).toEqual({
        id: org.rootId,
        name: 'Root',
        parentId: null,
        path: 'Root',
      });
    });

    it('should find every account under its OU path with state, tags and join time, and not the one that left', () => {
      expect(comparable(inventory)).toEqual(expectedAccounts(org));
      expect(inventory.accounts.map((a) => a.accountId)).not.toContain(org.accountId('departed'));
      const retired = inventory.accounts.find((a) => a.accountId === org.accountId('retired-app'));
      expect(retired?.state).toBe('SUSPENDED');
      const payDb = inventory.accounts.find((a) => a.accountId === org.accountId('pay-db-prod'));
      expect(payDb).toMatchObject({
        ouId: org.ouId('Root/Workloads/Prod/Payments'),
        ancestorOuIds: [
          org.rootId,
          org.ouId('Root/Workloads'),
          org.ouId('Root/Workloads/Prod'),
          org.ouId('Root/Workloads/Prod/Payments'),
        ],
        email: `pay-db-prod+${org.managementAccountId}@example.com`,
      });
      expect(Date.parse(payDb?.joinedAt ?? '')).toBeGreaterThan(Date.now() - 3_600_000);
    });

    it('should find the delegated administrator and its services', () => {
      expect(inventory.delegatedAdministrators).toEqual([
        {
          accountId: org.accountId('audit'),
          servicePrincipals: ['access-analyzer.amazonaws.com', 'guardduty.amazonaws.com'],
        },
      ]);
      expect(inventory.issues).toEqual([]);
    });

    it('should make one call per parent and account and count them as the proxy saw them', () => {
      const units = inventory.units.length;
      const expected = {
        DescribeOrganization: 1,
        ListRoots: 1,
        ListOrganizationalUnitsForParent: units,
        ListAccountsForParent: units,
        ListTagsForResource: inventory.accounts.length,
        ListDelegatedAdministrators: 1,
        ListDelegatedServicesForAccount: 1,
      };
      expect(orgsCalls(proxy)).toEqual(expected);
      expect(inventory.callsByOperation).toEqual(expected);
      expect(inventory.calls).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
      const orgsLog = proxy.log.filter((e) => e.service === 'organizations');
      expect(new Set(orgsLog.map((e) => e.account))).toEqual(new Set([org.managementAccountId]));
      expect(orgsLog.every((e) => e.status === 200)).toBe(true);
    });

    it('should not list policies unless asked', () => {
      expect(inventory.policies).toEqual([]);
      expect(orgsCalls(proxy).ListPolicies).toBeUndefined();
    });

    it('should scope by OU subtree and tags, skipping the suspended account with its reason', () => {
      const all = applyScope(inventory.accounts, {});
      expect(all.skipped).toEqual([
        {
          accountId: org.accountId('retired-app'),
          reason: 'SUSPENDED',
          state: 'SUSPENDED',
          detail: 'state SUSPENDED',
        },
      ]);
      expect(all.inScope).toHaveLength(inventory.accounts.length - 1);

      const web = applyScope(inventory.accounts, {
        includeOus: [org.ouId('Root/Workloads')],
        excludeTags: [{ key: 'team', values: ['payments'] }],
      });
      expect(web.inScope.map((a) => a.name).sort()).toEqual([
        'dev-alice',
        'dev-carol',
        'web-cms-prod',
        'web-cms-stg',
        'web-frontend-prod',
        'web-frontend-stg',
      ]);
    });
  });

  it('should show a moved account at its new OU path and drop a departed one on the next walk', async () => {
    const org = await seedExample();
    const { client } = await clientFor(org);
    const first = await walkOrganization(client);
    const carol = org.accountId('dev-carol');
    const leaver = org.accountId('sandbox-leaver');
    expect(first.accounts.find((a) => a.accountId === carol)?.ouPath).toBe('Root/Workloads/Dev');
    expect(first.accounts.map((a) => a.accountId)).toContain(leaver);

    const changes = await org.applyLaterChanges();
    const second = await walkOrganization(client);

    expect(changes.moved).toEqual([
      { accountId: carol, from: 'Root/Workloads/Dev', to: 'Root/Workloads/Prod/Web' },
    ]);
    expect(second.accounts.find((a) => a.accountId === carol)).toMatchObject({
      ouPath: 'Root/Workloads/Prod/Web',
      ouId: org.ouId('Root/Workloads/Prod/Web'),
    });
    expect(second.accounts.map((a) => a.accountId)).not.toContain(leaver);
    expect(second.accounts).toHaveLength(first.accounts.length - 1);
    expect(comparable(second)).toEqual(expectedAccounts(org));
    const scoped = applyScope(
      second.accounts,
      {},
      {
        previouslyKnownAccountIds: first.accounts.map((a) => a.accountId),
      },
    );
    expect(scoped.skipped.filter((s) => s.reason === 'REMOVED')).toEqual([
      { accountId: leaver, reason: 'REMOVED', detail: 'no longer in the organization' },
    ]);
  });

  describe('policies', () => {
    let org: SeededOrganization;
    let mgmt: ManagementClient;
    beforeAll(async () => {
      org = await seedExample();
      mgmt = await clientFor(org);
    });

    it('should list SCPs and enabled tag policies with documents and targets when asked', async () => {
      const inventory = await walkOrganization(mgmt.client, { includePolicies: true });
      const byName = Object.fromEntries(inventory.policies.map((p) => [p.name, p]));
      expect(Object.keys(byName).sort()).toEqual([
        'CostCenterTags',
        'DenyLeaveOrganization',
        'FullAWSAccess',
        'SandboxGuardrails',
      ]);
      expect(byName.DenyLeaveOrganization).toMatchObject({
        id: org.policyIds.DenyLeaveOrganization,
        type: 'SERVICE_CONTROL_POLICY',
        awsManaged: false,
        targetIds: [org.ouId('Root/Security'), org.ouId('Root/Workloads')].sort(),
      });
      expect(JSON.parse(byName.DenyLeaveOrganization?.content ?? '{}')).toMatchObject({
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization' }],
      });
      expect(byName.CostCenterTags).toMatchObject({ type: 'TAG_POLICY', targetIds: [org.rootId] });
      expect(byName.FullAWSAccess?.awsManaged).toBe(true);
      expect(byName.FullAWSAccess?.targetIds).toEqual(
        expect.arrayContaining([org.rootId, org.ouId('Root/Sandbox')]),
      );
      expect(inventory.issues).toEqual([]);
    });

    it('should build an OU snapshot the organization job accepts', async () => {
      const snapshot = toOuSnapshot(await walkOrganization(mgmt.client, { includePolicies: true }));
      expect(ouSnapshotSchema.safeParse(snapshot).success).toBe(true);
      const sandbox = snapshot.units.find((u) => u.path === 'Root/Sandbox');
      expect(sandbox?.policyIds).toEqual(
        expect.arrayContaining([org.policyIds.SandboxGuardrails, 'p-FullAWSAccess']),
      );
      expect(sandbox?.accountIds).toContain(org.accountId('sandbox-1'));
    });

    it('should record a denied policy listing and delegated-admin listing as issues and keep the rest', async () => {
      proxy.addRule({
        kind: 'accessDenied',
        account: org.managementAccountId,
        operation: 'ListPolicies',
        times: 1,
      });
      proxy.addRule({
        kind: 'accessDenied',
        account: org.managementAccountId,
        operation: 'ListDelegatedAdministrators',
      });
      const inventory = await walkOrganization(mgmt.client, { includePolicies: true });
      expect(inventory.issues).toEqual([
        expect.objectContaining({
          operation: 'ListDelegatedAdministrators',
          code: 'ACCESS_DENIED',
        }),
        expect.objectContaining({
          operation: 'ListPolicies',
          subject: 'SERVICE_CONTROL_POLICY',
          code: 'ACCESS_DENIED',
          awsCode: 'AccessDeniedException',
        }),
      ]);
      expect(inventory.policies.map((p) => p.name)).toEqual(['CostCenterTags']);
      expect(inventory.delegatedAdministrators).toEqual([]);
      expect(inventory.accounts).toHaveLength(27);
    });
  });

  it('should fail, classifiably, for an account that manages no organization', async () => {
    const { client, factory } = await managementClient(proxy.url, randomAccountId());
    opened.push({ close: () => factory.destroy() });
    const err = await walkOrganization(client).catch((e: unknown) => e);
    expect(classifyAwsError(err)).toMatchObject({ awsCode: 'AWSOrganizationsNotInUseException' });
  });
});
