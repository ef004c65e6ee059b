// The scenario: a member account seeded with known misconfigurations, scanned by the real job
// runner through the fault proxy. Exactly the expected FAIL set (written from the seed
// definition), no FAIL elsewhere, Inspector2 findings pulled, and every AWS call the scan made
// allowed by the member role's policy (SecurityAudit + ViewOnlyAccess + the generated inline).
import { join } from 'node:path';
import { ALL_CHECKS, accountResource, regionResource } from '@palisade/checks';
import {
  OPERATION_ACTIONS,
  deniedCalls,
  generateInlinePolicy,
  loadManagedPolicies,
} from '@palisade/collectors';
import {
  type AwsProxy,
  depsEnv,
  expectedFailures,
  type JobOutput,
  SCENARIO_REGION,
  scanJobFor,
  scannerHarness,
  type SeededScenario,
  seedMisconfiguredAccount,
  startAwsProxy,
} from '@palisade/testing';

const MANAGED_POLICIES = join(__dirname, '../../../deploy/aws/managed-policies');

describe('scanning the misconfigured scenario account', () => {
  let proxy: AwsProxy;
  let seeded: SeededScenario;
  let out: JobOutput;

  beforeAll(async () => {
    seeded = await seedMisconfiguredAccount();
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    const harness = scannerHarness({ endpointUrl: proxy.url });
    try {
      out = await harness.run(
        scanJobFor(seeded.accountId, {
          regions: [SCENARIO_REGION],
          inspector: { enabled: true, watermarks: {} },
        }),
      );
    } finally {
      harness.close();
    }
  }, 120_000);

  afterAll(async () => {
    if (proxy) await proxy.close();
  });

  it('should FAIL exactly the expected (check, resource) pairs and nothing else', () => {
    const serviceOf = (checkId: string) =>
      ALL_CHECKS.find((c) => c.metadata.id === checkId)?.metadata.service ?? 'unknown';
    const ctx = { partition: 'aws', accountId: seeded.accountId };
    const expected = expectedFailures(seeded)
      .map((f) => {
        const uid =
          'resource' in f
            ? f.resource
            : f.scope === 'account'
              ? accountResource(ctx, serviceOf(f.checkId))
              : regionResource(ctx, serviceOf(f.checkId), SCENARIO_REGION);
        return `${f.checkId} ${uid}`;
      })
      .sort();
    const failed = out.results
      .filter((r) => r.status === 'FAIL')
      .map((r) => `${r.checkId} ${r.resourceUid}`)
      .sort();
    expect(failed).toEqual(expected);
  });

  it('should be ERROR only where moto does not emulate the API, with the code', () => {
    const errored = out.results.filter((r) => r.status === 'ERROR');
    expect([...new Set(errored.map((r) => r.checkId))].sort()).toEqual([
      'accessanalyzer_enabled',
      'account_contact_details_current',
      'macie_enabled_all_regions',
    ]);
    expect(errored.every((r) => r.errorCode !== undefined)).toBe(true);
  });

  it('should pull the seeded Inspector2 findings and say Inspector2 scans the account', () => {
    expect(out.inspectorFindings.map((f) => f.findingArn).sort()).toEqual(
      [...seeded.inspectorFindingArns].sort(),
    );
    expect(out.inspectorFindings[0]).toMatchObject({
      severity: 'HIGH',
      vulnerability: { id: 'CVE-2019-25013' },
    });
    expect(out.finished?.inspector).toMatchObject({ status: 'ENABLED', findings: 2 });
    expect(out.results.find((r) => r.checkId === 'inspector2_scanning_enabled')?.status).toBe(
      'PASS',
    );
  });

  it('should have made only calls the member role is allowed (the proxy log replayed)', () => {
    const managed = loadManagedPolicies(MANAGED_POLICIES).map((p) => p.Document);
    const inline = generateInlinePolicy(OPERATION_ACTIONS, managed);
    const memberCalls = proxy.log.filter(
      (e) => e.account === seeded.accountId && e.assumeRole === undefined,
    );
    expect(memberCalls.length).toBeGreaterThan(50);
    const denied = deniedCalls(
      memberCalls,
      OPERATION_ACTIONS,
      inline ? [...managed, inline] : managed,
    );
    expect(denied.map((d) => `${d.operation} ${d.reason}`)).toEqual([]);
  });
});
