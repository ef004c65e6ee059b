// The organization job of an organization scan: the management role, the OU snapshot discovery
// built from a real walk of a seeded organization, and only the organization-level checks.
import { ALL_CHECKS } from '@palisade/checks';
import { toOuSnapshot, walkOrganization } from '@palisade/discovery';
import {
  depsEnv,
  exampleOrganizationSpec,
  managementClient,
  scanJobFor,
  scannerHarness,
  seedOrganization,
  type JobOutput,
  type SeededOrganization,
} from '@palisade/testing';

describe('an organization job', () => {
  let org: SeededOrganization;
  let out: JobOutput;

  beforeAll(async () => {
    const moto = depsEnv('PALISADE_MOTO_URL');
    org = await seedOrganization(moto, exampleOrganizationSpec());
    const { client, factory } = await managementClient(moto, org.managementAccountId);
    try {
      const inventory = await walkOrganization(client, { includePolicies: true });
      const harness = scannerHarness();
      try {
        out = await harness.run(
          scanJobFor(org.managementAccountId, {
            scope: 'organization',
            sourceKind: 'organization',
            roleChain: [
              { roleArn: `arn:aws:iam::${org.managementAccountId}:role/PalisadeDiscovery` },
            ],
            ouSnapshot: toOuSnapshot(inventory),
          }),
        );
      } finally {
        harness.close();
      }
    } finally {
      factory.destroy();
    }
  }, 120_000);

  it('should run every organization-level check once, and nothing else', () => {
    const orgChecks = ALL_CHECKS.filter((c) => c.metadata.scope === 'organization')
      .map((c) => c.metadata.id)
      .sort();
    expect(out.finished?.scopeCounts.map((s) => s.checkId).sort()).toEqual(orgChecks);
    expect(out.finished?.scopeCounts.every((s) => s.region === 'global')).toBe(true);
    expect([...new Set(out.results.map((r) => r.checkId))].sort()).toEqual(orgChecks);
  });

  it('should judge guardrails per member account from the SCPs on its OU path', () => {
    const guardrails = out.results.filter(
      (r) => r.checkId === 'organizations_accounts_have_guardrails',
    );
    const statusOf = (name: string) => {
      const id = org.accounts[name]?.accountId ?? 'missing';
      return guardrails.find((r) => r.resourceUid.endsWith(`/${id}`))?.status;
    };
    expect(statusOf('shared-services')).toBe('FAIL');
    expect(statusOf('audit')).toBe('PASS');
    expect(statusOf('sandbox-1')).toBe('PASS');
    expect(guardrails.some((r) => r.resourceUid.endsWith(`/${org.managementAccountId}`))).toBe(
      false,
    );
  });

  it('should never PASS what moto cannot answer (root access features, the delegation policy)', () => {
    for (const id of [
      'organizations_root_access_centralized',
      'organizations_policy_management_delegated',
    ]) {
      expect(out.results.filter((r) => r.checkId === id).map((r) => r.status)).toEqual(['ERROR']);
    }
    expect(
      out.results.find((r) => r.checkId === 'organizations_ou_structure_reviewed')?.status,
    ).toBe('MANUAL');
  });
});
