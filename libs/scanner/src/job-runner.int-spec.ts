// The job runner against moto behind the fault proxy, with every registered check and collector:
// what a scan of one account emits, and how faults become data (never PASS).
import { ALL_CHECKS, type Check } from '@palisade/checks';
import { ALL_COLLECTORS } from '@palisade/collectors';
import { type CheckResult, DEFAULT_FRAMEWORK } from '@palisade/contracts';
import {
  type AwsProxy,
  depsEnv,
  freshAccount,
  type JobOutput,
  scanJobFor,
  scannerHarness,
  startAwsProxy,
} from '@palisade/testing';

const REGIONS = ['eu-west-1', 'us-east-1'];

/** What identifies a result (the normaliser's identity inputs) and its outcome. */
const identities = (results: readonly CheckResult[]) =>
  results.map((r) => `${r.checkId}|${r.region}|${r.resourceUid}|${r.status}`).sort();

/** Checks that read data collected by calling `service` (per the collectors' operations). */
function checksUsing(service: string): string[] {
  const keys = new Set(
    ALL_COLLECTORS.filter((c) => c.operations.some((op) => op.startsWith(`${service}:`))).map(
      (c) => c.key,
    ),
  );
  return ALL_CHECKS.filter(
    (c: Check) =>
      c.metadata.scope !== 'organization' && c.metadata.requires.some((k) => keys.has(k)),
  )
    .map((c) => c.metadata.id)
    .sort();
}

describe('JobRunner against moto through the fault proxy', () => {
  let proxy: AwsProxy;
  const account = freshAccount();

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL'), seed: 7 });
  });
  afterAll(async () => {
    if (proxy) await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  async function scan(maxAttempts = 1, regions = REGIONS): Promise<JobOutput> {
    const harness = scannerHarness({ endpointUrl: proxy.url, maxAttempts });
    try {
      return await harness.run(scanJobFor(account, { regions }));
    } finally {
      harness.close();
    }
  }

  it('should emit started, result batches and one finished event whose scope counts match the results', async () => {
    const out = await scan();
    expect(out.events.map((e) => e.type)).toEqual(['started', 'progress', 'finished']);
    const finished = out.finished;
    expect(finished?.regions.scanned.sort()).toEqual(REGIONS);
    const counted = new Map<string, number>();
    for (const r of out.results) {
      counted.set(`${r.region}|${r.checkId}`, (counted.get(`${r.region}|${r.checkId}`) ?? 0) + 1);
    }
    for (const scope of finished?.scopeCounts ?? []) {
      expect([
        `${scope.region}|${scope.checkId}`,
        counted.get(`${scope.region}|${scope.checkId}`) ?? 0,
      ]).toEqual([`${scope.region}|${scope.checkId}`, scope.count]);
    }
    // An accounts source runs every CIS check in its account jobs (organization ones as MANUAL).
    const cis = ALL_CHECKS.filter((c) => c.metadata.compliance[DEFAULT_FRAMEWORK] !== undefined);
    const regional = cis.filter((c) => c.metadata.scope === 'region').length;
    expect(finished?.scopeCounts).toHaveLength(cis.length - regional + regional * REGIONS.length);
    expect(finished?.apiCalls).toBe(proxy.log.filter((e) => e.service !== 'sts').length);
    // An accounts source: the organization checks are MANUAL "no organization context".
    const orgChecks = ALL_CHECKS.filter((c) => c.metadata.scope === 'organization');
    for (const check of orgChecks) {
      expect(
        out.results.filter((r) => r.checkId === check.metadata.id).map((r) => r.status),
      ).toEqual(['MANUAL']);
    }
  });

  it('should emit the same result identities when the same job runs twice', async () => {
    const first = await scan();
    const second = await scan();
    expect(identities(second.results)).toEqual(identities(first.results));
  });

  it('should give identical results under 20% throttling (retries with Retry-After)', async () => {
    const calm = await scan(8);
    proxy.setRules([{ kind: 'throttle', account, probability: 0.2, retryAfterSeconds: 0 }]);
    const throttled = await scan(8);
    expect(proxy.log.filter((e) => e.injected === 'throttle').length).toBeGreaterThan(0);
    expect(identities(throttled.results)).toEqual(identities(calm.results));
  });

  it('should make exactly the checks that read IAM data ERROR when IAM denies access', async () => {
    const expected = checksUsing('iam');
    expect(expected.length).toBeGreaterThan(0);
    const erroredIn = (out: JobOutput, code?: string) =>
      new Set(
        out.results
          .filter((r) => r.status === 'ERROR' && (code === undefined || r.errorCode === code))
          .map((r) => r.checkId),
      );
    // Some checks read what moto does not emulate (Access Analyzer, ...): ERROR without faults.
    const before = erroredIn(await scan());
    proxy.setRules([{ kind: 'accessDenied', account, service: 'iam' }]);
    const denied = await scan();
    const newlyErrored = [...erroredIn(denied)].filter((id) => !before.has(id)).sort();
    expect(newlyErrored).toEqual(expected.filter((id) => !before.has(id)));
    expect([...erroredIn(denied, 'ACCESS_DENIED')].sort()).toEqual(expected);
    const reported = new Set(
      denied.finished?.errors.filter((e) => e.code === 'ACCESS_DENIED').map((e) => e.checkId),
    );
    expect([...reported].sort()).toEqual(expected);
  });

  it('should report a region that is not enabled as a region error, with no results there', async () => {
    // Region discovery runs in us-east-1 (the STS region); eu-west-1 refuses the session.
    proxy.setRules([{ kind: 'regionNotEnabled', account, region: 'eu-west-1' }]);
    const out = await scan();
    expect(out.finished?.regions.scanned).toEqual(['us-east-1']);
    expect(out.finished?.regions.failed).toEqual([
      expect.objectContaining({ region: 'eu-west-1', code: 'REGION_NOT_ENABLED' }),
    ]);
    expect(out.finished?.errors).toContainEqual(
      expect.objectContaining({ region: 'eu-west-1', code: 'REGION_NOT_ENABLED' }),
    );
    expect(out.results.filter((r) => r.region === 'eu-west-1')).toEqual([]);
    expect(out.finished?.scopeCounts.some((s) => s.region === 'eu-west-1')).toBe(false);
  });

  it('should end with a failed event, and no results, when the role cannot be assumed', async () => {
    proxy.setRules([
      { kind: 'assumeRoleRefused', roleArn: `arn:aws:iam::${account}:role/PalisadeScanRole` },
    ]);
    const out = await scan();
    expect(out.events.map((e) => e.type)).toEqual(['started', 'failed']);
    expect(out.events[1]).toMatchObject({ code: 'ASSUME_ROLE_DENIED' });
    expect(out.results).toEqual([]);
  });

  it('should send the ExternalId and the scan session name on every AssumeRole', async () => {
    await scan();
    const assumes = proxy.log.filter((e) => e.assumeRole !== undefined);
    expect(assumes.length).toBeGreaterThan(0);
    for (const call of assumes) {
      expect(call.assumeRole).toMatchObject({
        roleArn: `arn:aws:iam::${account}:role/PalisadeScanRole`,
        externalId: 'palisade-external-id-0123456789abcdef',
      });
      expect(call.assumeRole?.roleSessionName).toMatch(/^palisade-/);
    }
  });
});
