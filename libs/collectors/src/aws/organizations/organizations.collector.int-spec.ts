// The Organizations collectors that moto emulates (trusted service access, roots with their
// policy types, resource control policies), in a fresh account that creates an organization
// and so becomes its management account; through the fault proxy, to see the calls made.
import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  type AwsProxy,
  collectorHarness,
  type CollectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { organizationsCollectors } from './index';

const DENY_OUTSIDE_ORG = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EnforceOrgIdentities',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*'],
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-example' } },
    },
  ],
});

function operationsOf(key: string): readonly string[] {
  const collector = organizationsCollectors.find((c) => c.key === key);
  if (collector === undefined) throw new Error(`no collector ${key}`);
  return collector.operations;
}

describe('organizations collectors (moto through the fault proxy)', () => {
  let proxy: AwsProxy;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
  });

  afterAll(async () => {
    await proxy.close();
  });

  async function managementAccount(): Promise<{ h: CollectorHarness; orgs: OrganizationsClient }> {
    const h = await collectorHarness({ endpointUrl: proxy.url });
    const orgs = h.clients.createClient(OrganizationsClient, {
      region: 'us-east-1',
      service: 'organizations',
      session: h.session,
    });
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    return { h, orgs };
  }

  async function rootId(orgs: OrganizationsClient): Promise<string> {
    const roots = await orgs.send(new ListRootsCommand({}));
    const id = roots.Roots?.[0]?.Id;
    if (id === undefined) throw new Error('moto listed no root');
    return id;
  }

  it('should list the services with trusted access, sorted, across pages', async () => {
    const { h, orgs } = await managementAccount();
    try {
      for (const p of ['securityhub.amazonaws.com', 'guardduty.amazonaws.com']) {
        await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: p }));
      }
      proxy.clearLog();
      // The first page comes back empty with a token: the collector must follow it.
      proxy.setRules([
        {
          kind: 'emptyPageWithToken',
          service: 'organizations',
          operation: 'ListAWSServiceAccessForOrganization',
          listKey: 'EnabledServicePrincipals',
          times: 1,
        },
      ]);
      const { snapshot } = await h.collect(['organizations.serviceAccess']);
      const access = snapshot.global('organizations.serviceAccess');
      expect(access.ok && access.data.map((s) => s.servicePrincipal)).toEqual([
        'guardduty.amazonaws.com',
        'securityhub.amazonaws.com',
      ]);
      expect(access.ok && access.data[0]?.enabledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const calls = proxy.log.filter((e) => e.account === h.accountId);
      expect(calls.map((e) => `${e.service}:${e.operation}`)).toEqual([
        'organizations:ListAWSServiceAccessForOrganization',
        'organizations:ListAWSServiceAccessForOrganization',
      ]);
      for (const e of calls) {
        expect(operationsOf('organizations.serviceAccess')).toContain(
          `${e.service}:${e.operation}`,
        );
      }
    } finally {
      proxy.clearRules();
      h.close();
    }
  });

  it('should read the root’s policy types and the RCPs with their documents and targets', async () => {
    const { h, orgs } = await managementAccount();
    try {
      const root = await rootId(orgs);
      // moto's root starts with no policy type enabled; AWS's enables SCPs.
      for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
        await orgs.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: type }));
      }
      const ou = await orgs.send(
        new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Workloads' }),
      );
      const ouId = ou.OrganizationalUnit?.Id ?? '';
      const created = await orgs.send(
        new CreatePolicyCommand({
          Name: 'deny-outside-org',
          Description: 'data perimeter',
          Type: 'RESOURCE_CONTROL_POLICY',
          Content: DENY_OUTSIDE_ORG,
        }),
      );
      const policyId = created.Policy?.PolicySummary?.Id ?? '';
      await orgs.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ouId }));

      proxy.clearLog();
      const { snapshot } = await h.collect([
        'organizations.roots',
        'organizations.resourceControlPolicies',
      ]);
      const roots = snapshot.global('organizations.roots');
      if (!roots.ok) throw new Error(roots.message);
      expect(roots.data.map((r) => [r.id, r.name])).toEqual([[root, 'Root']]);
      expect(roots.data[0]?.arn).toMatch(
        new RegExp(`^arn:aws:organizations::${h.accountId}:root/o-[a-z0-9]+/${root}$`),
      );
      expect(roots.data[0]?.policyTypes).toEqual(
        expect.arrayContaining([
          { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
          { type: 'RESOURCE_CONTROL_POLICY', status: 'ENABLED' },
        ]),
      );
      const rcps = snapshot.global('organizations.resourceControlPolicies');
      if (!rcps.ok) throw new Error(rcps.message);
      const custom = rcps.data.find((p) => p.id === policyId);
      expect(custom).toEqual({
        id: policyId,
        name: 'deny-outside-org',
        awsManaged: false,
        content: DENY_OUTSIDE_ORG,
        targetIds: [ouId],
      });
      const rcpFull = rcps.data.find((p) => p.id === 'p-RCPFullAWSAccess');
      expect(rcpFull).toMatchObject({ name: 'RCPFullAWSAccess', awsManaged: true });
      expect(rcpFull?.targetIds).toContain(root);
      const declared = [
        ...operationsOf('organizations.roots'),
        ...operationsOf('organizations.resourceControlPolicies'),
      ];
      const made = proxy.log.filter((e) => e.account === h.accountId);
      expect(made.length).toBeGreaterThan(0);
      for (const e of made) expect(declared).toContain(`${e.service}:${e.operation}`);
    } finally {
      h.close();
    }
  });

  it('should list no RCPs (and not call ListPolicies) when the root does not enable them', async () => {
    const { h } = await managementAccount();
    try {
      proxy.clearLog();
      const { snapshot } = await h.collect(['organizations.resourceControlPolicies']);
      expect(snapshot.global('organizations.resourceControlPolicies')).toEqual({
        ok: true,
        data: [],
      });
      const made = proxy.log.filter((e) => e.account === h.accountId).map((e) => e.operation);
      expect(made).toEqual(['ListRoots']);
    } finally {
      h.close();
    }
  });

  it('should fail the RCP listing with ACCESS_DENIED when ListRoots is denied', async () => {
    const { h } = await managementAccount();
    try {
      proxy.setRules([{ kind: 'accessDenied', service: 'organizations', operation: 'ListRoots' }]);
      const { snapshot } = await h.collect(['organizations.resourceControlPolicies']);
      expect(snapshot.global('organizations.resourceControlPolicies')).toMatchObject({
        ok: false,
        code: 'ACCESS_DENIED',
      });
    } finally {
      proxy.clearRules();
      h.close();
    }
  });
});
