// The organization job of an organization scan: the management role, the OU snapshot discovery
// built from a real walk of a seeded organization, and only the organization-level checks; and
// the same job run as the base identity itself (an empty role chain, the CLI's own credentials).
import { ALL_CHECKS } from '@palisade/checks';
import { collectorCatalogue } from '@palisade/collectors';
import { type CheckResult, type OuSnapshot, Topics } from '@palisade/contracts';
import { toOuSnapshot, walkOrganization } from '@palisade/discovery';
import {
  CapturingPublisher,
  depsEnv,
  exampleOrganizationSpec,
  managementClient,
  scanJobFor,
  scannerHarness,
  seedOrganization,
  testAwsAccess,
  type JobOutput,
  type SeededOrganization,
} from '@palisade/testing';
import { InspectorStep } from './inspector-step';
import { JobRunner } from './job-runner';

/** What a run concluded, without its wording: check, resource and status. */
const verdicts = (results: readonly CheckResult[]) =>
  results.map((r) => `${r.checkId} ${r.resourceUid} ${r.status}`).sort();

describe('an organization job', () => {
  let org: SeededOrganization;
  let out: JobOutput;
  let ouSnapshot: OuSnapshot;

  beforeAll(async () => {
    const moto = depsEnv('PALISADE_MOTO_URL');
    org = await seedOrganization(moto, exampleOrganizationSpec());
    const { client, factory } = await managementClient(moto, org.managementAccountId);
    try {
      const inventory = await walkOrganization(client, { includePolicies: true });
      ouSnapshot = toOuSnapshot(inventory);
      const harness = scannerHarness();
      try {
        out = await harness.run(
          scanJobFor(org.managementAccountId, {
            scope: 'organization',
            sourceKind: 'organization',
            roleChain: [
              { roleArn: `arn:aws:iam::${org.managementAccountId}:role/PalisadeDiscovery` },
            ],
            ouSnapshot,
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

  it('should conclude the same with no role to assume, as the base identity of the management account', async () => {
    const { clients, sessions } = testAwsAccess({
      endpointUrl: depsEnv('PALISADE_MOTO_URL'),
      maxAttempts: 1,
      baseCredentials: org.credentials,
    });
    const publisher = new CapturingPublisher();
    const runner = new JobRunner({
      sessions,
      clients,
      publisher,
      inspector: new InspectorStep(clients, sessions),
      catalogue: collectorCatalogue(),
      registry: ALL_CHECKS,
      tuning: { collectorConcurrency: 8, itemConcurrency: 8, resultBatchSize: 500 },
      worker: 'base-identity',
    });
    try {
      await runner.run(
        scanJobFor(org.managementAccountId, {
          scope: 'organization',
          sourceKind: 'organization',
          roleChain: [],
          ouSnapshot,
        }),
        new AbortController().signal,
      );
    } finally {
      clients.destroy();
    }
    const events = publisher.of(Topics.scanJobEvents);
    expect(events.map((e) => e.type)).toContain('finished');
    expect(events.some((e) => e.type === 'failed')).toBe(false);
    const results = publisher
      .of(Topics.findingsRaw)
      .flatMap((batch) => (batch.kind === 'check-results' ? batch.results : []));
    expect(results.length).toBeGreaterThan(0);
    expect(verdicts(results)).toEqual(verdicts(out.results));
  });
});
