// The whole fleet end to end: the built services as separate OS processes (discovery ×1,
// scanner ×2, normaliser ×1, api ×1) on the real Kafka broker and Postgres, with moto behind the
// fault proxy. A seeded organization (members in OUs three deep, two regions, one member whose
// role the proxy refuses) and an MSSP client's standalone accounts are onboarded and scanned only
// through the REST API, as an operator and two tenants would, at the same time. What the API
// reads back is compared with a table written from the seed declarations (libs/testing/src/
// fleet-org over the demo postures), never with what a run produced.
import { ALL_CHECKS } from '@palisade/checks';
import { createTestDatabase, type TestDatabase } from '@palisade/persistence';
import {
  type ApiFinding,
  type AwsProxy,
  breakAgain,
  type ClientAccounts,
  type DemoExpectation,
  depsEnv,
  expectationResourceUid,
  type Fleet,
  type FleetOrganization,
  findingIdentity,
  fixMisconfigurations,
  PalisadeClient,
  type PostureAccount,
  type PostureChange,
  refusedAccountRule,
  type Scan,
  seedClientAccounts,
  seedFleetOrganization,
  startAwsProxy,
  startFleet,
} from '@palisade/testing';

const CIS = 'cis-aws-foundations-v7.0.0';

interface TenantHandle {
  readonly id: string;
  readonly admin: string;
  /** `scans:write` only: what a scheduler or CI job would hold. */
  readonly scanner: string;
  /** `findings:read` only: what a SIEM or dashboard would hold. */
  readonly reader: string;
  sourceId: string;
}

/** The check finding a declared result must produce, keyed like `findingIdentity`. */
function expectedIdentity(e: DemoExpectation, accountId: string): string {
  return ['check', accountId, e.region, e.checkId, expectationResourceUid(e, accountId)].join(
    ' | ',
  );
}

/** "status compliance" of a first observation: a failure is new, a pass never failed. */
const firstSeen = (e: DemoExpectation) => (e.status === 'FAIL' ? 'new FAIL' : 'compliant PASS');

const outcome = (f: ApiFinding) => `${f.status} ${f.compliance ?? '-'}`;

/** Where the actual outcome of each expected identity differs from the expected one. */
function mismatches(expected: ReadonlyMap<string, string>, findings: readonly ApiFinding[]) {
  const actual = new Map(findings.map((f) => [findingIdentity(f), outcome(f)]));
  return [...expected].flatMap(([id, want]) => {
    const got = actual.get(id);
    return got === want ? [] : [`${id}: expected ${want}, got ${got ?? 'nothing'}`];
  });
}

/** The Inspector2 findings an account's posture seeded: "account | region | CVE". */
function seededInspector(accounts: readonly PostureAccount[]): string[] {
  return accounts
    .flatMap((a) => a.inspectorFindings.map((f) => `${a.accountId} | ${f.region} | ${f.cveId}`))
    .sort();
}

function inspectorOf(findings: readonly ApiFinding[]): string[] {
  return findings
    .filter((f) => f.kind === 'inspector')
    .map((f) => `${f.account.id} | ${f.region} | ${/^CVE-\d+-\d+/.exec(f.title)?.[0] ?? f.title}`)
    .sort();
}

describe('the Palisade fleet, end to end through the REST API', () => {
  const moto = depsEnv('PALISADE_MOTO_URL');
  let proxy: AwsProxy;
  let database: TestDatabase;
  let fleet: Fleet;
  let org: FleetOrganization;
  let clients: ClientAccounts;
  let api: PalisadeClient;
  let northwind: TenantHandle;
  let acme: TenantHandle;
  let firstScans: { northwind: Scan; acme: Scan };

  /** The members scanned successfully: every account but the refused one. */
  const scannedMembers = () =>
    Object.values(org.accounts).filter((a) => a.accountId !== org.refusedAccount.accountId);

  const expectedTable = (accounts: readonly PostureAccount[]) =>
    new Map(
      accounts.flatMap((a) =>
        a.expectations.map((e) => [expectedIdentity(e, a.accountId), firstSeen(e)] as const),
      ),
    );

  async function onboard(name: string, source: Record<string, unknown>): Promise<TenantHandle> {
    const tenant = await api.createTenant(fleet.operatorKey, name);
    const [scanner, reader, created] = await Promise.all([
      api.createKey(tenant.adminKey, 'nightly scans', ['scans:write']),
      api.createKey(tenant.adminKey, 'SIEM', ['findings:read']),
      api.createSource(tenant.adminKey, source),
    ]);
    return { id: tenant.id, admin: tenant.adminKey, scanner, reader, sourceId: created.id };
  }

  async function scanAndWait(tenant: TenantHandle, body: Record<string, unknown> = {}) {
    const scan = await api.startScan(tenant.scanner, { sourceId: tenant.sourceId, ...body });
    return api.waitForScan(tenant.reader, scan.id, 400_000);
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: moto });
    // Seeding (moto) and starting the fleet (CPU) overlap.
    const seeded = Promise.all([
      seedFleetOrganization(moto, { size: 'full', concurrency: 4 }),
      seedClientAccounts(moto, { count: 3 }),
    ]);
    database = await createTestDatabase();
    fleet = await startFleet({
      label: 'fleet-e2e',
      kafkaBrokers: depsEnv('PALISADE_KAFKA_BROKERS'),
      databaseUrl: database.serviceUrl,
      awsEndpoints: [proxy.url, proxy.url],
      env: {
        // The test profile: an integrator polling hard is not what this suite measures.
        API_RATE_LIMIT_PER_MINUTE: '100000',
        // moto answers HTTP 500 for the few APIs it lacks, which the deployed default (8
        // attempts with backoff) would spend seconds retrying; 3 still rides out a slow moment.
        SCANNER_AWS_MAX_ATTEMPTS: '3',
      },
    });
    [org, clients] = await seeded;
    proxy.setRules([refusedAccountRule(org)]);
    api = new PalisadeClient(fleet.apiUrl);
  }, 300_000);

  afterAll(async () => {
    await fleet?.stopAll();
    org?.organization.close();
    await proxy?.close();
    await database?.drop();
  }, 60_000);

  it('should onboard an organization tenant and an MSSP client tenant and scan both at once', async () => {
    northwind = await onboard('Northwind (organization)', {
      name: 'Northwind organization',
      kind: 'organization',
      config: {
        managementRoleArn: `arn:aws:iam::${org.management.accountId}:role/${org.memberRoleName}`,
        memberRoleName: org.memberRoleName,
        regions: org.regions,
      },
    });
    acme = await onboard('Acme (MSSP client)', {
      name: 'Acme accounts',
      kind: 'accounts',
      config: {
        memberRoleName: clients.roleName,
        accounts: clients.accounts.map((a) => ({ accountId: a.accountId })),
        regions: clients.regions,
      },
    });
    const [n, a] = await Promise.all([scanAndWait(northwind), scanAndWait(acme)]);
    firstScans = { northwind: n, acme: a };

    // The refused member fails the organization's scan; the client's accounts all succeed.
    expect(n.status).toBe('completed_with_errors');
    expect(n.counts).toMatchObject({
      accountsTotal: Object.keys(org.accounts).length,
      accountsDone: Object.keys(org.accounts).length - 1,
      accountsFailed: 1,
      accountsSkipped: 0,
      findingsResolved: 0,
    });
    expect(['completed', 'completed_with_errors']).toContain(a.status);
    expect(a.counts).toMatchObject({
      accountsTotal: clients.accounts.length,
      accountsDone: clients.accounts.length,
      accountsFailed: 0,
    });
  });

  it('should read back every declared check result and no other Inspector2 finding', async () => {
    const findings = await api.findings(northwind.reader);
    expect(mismatches(expectedTable(scannedMembers()), findings)).toEqual([]);
    expect(inspectorOf(findings)).toEqual(seededInspector(scannedMembers()));
    expect(findings.filter((f) => f.kind === 'inspector').map((f) => f.status)).toEqual(
      expect.arrayContaining(['new']),
    );
    expect(new Set(findings.filter((f) => f.kind === 'inspector').map(outcome))).toEqual(
      new Set(['new -']),
    );
    // Nothing at all from the account whose role was refused.
    expect(findings.filter((f) => f.account.id === org.refusedAccount.accountId)).toEqual([]);
    expect(findings.every((f) => f.account.name !== null)).toBe(true);
  });

  it('should report the refused role as the one failed job, with its code', async () => {
    const jobs = await api.scanJobs(northwind.reader, firstScans.northwind.id);
    const failed = jobs.filter((j) => j.status === 'failed');
    expect(failed.map((j) => [j.accountId, j.errors.map((e) => e.code)])).toEqual([
      [org.refusedAccount.accountId, ['ASSUME_ROLE_DENIED']],
    ]);
    const accountJobs = jobs.filter((j) => j.scope === 'account').map((j) => j.accountId);
    expect(accountJobs.sort()).toEqual(
      Object.values(org.accounts)
        .map((a) => a.accountId)
        .sort(),
    );
    expect(jobs.filter((j) => j.status !== 'failed').every((j) => j.status === 'succeeded')).toBe(
      true,
    );
    // Errors elsewhere are the emulator's gaps (calls moto lacks), never access or role errors,
    // and never on a check the table declares.
    const declaredChecks = new Set(
      scannedMembers().flatMap((a) => a.expectations.map((e) => e.checkId)),
    );
    const otherErrors = jobs.filter((j) => j.status === 'succeeded').flatMap((j) => j.errors);
    expect(otherErrors.filter((e) => e.code.includes('DENIED'))).toEqual([]);
    expect(
      otherErrors.filter((e) => e.checkId !== undefined && declaredChecks.has(e.checkId)),
    ).toEqual([]);
  });

  it('should show each declared CIS failure as a failing requirement of its account', async () => {
    const withFailures = scannedMembers().filter((a) =>
      a.expectations.some((e) => e.status === 'FAIL'),
    );
    expect(withFailures.length).toBeGreaterThan(5);
    for (const account of withFailures) {
      const detail = await api.call<{
        requirements: { id: string; status: string; checkIds: string[] }[];
        posture: { failed: number };
      }>('GET', `/v1/compliance/${CIS}?accountId=${account.accountId}`, northwind.reader);
      const failingChecks = new Set(
        account.expectations.filter((e) => e.status === 'FAIL').map((e) => e.checkId),
      );
      const mustFail = ALL_CHECKS.filter((c) => failingChecks.has(c.metadata.id)).flatMap(
        (c) => c.metadata.compliance[CIS] ?? [],
      );
      const status = new Map(detail.requirements.map((r) => [r.id, r.status]));
      expect({
        account: account.name,
        failing: mustFail.filter((r) => status.get(r) !== 'fail'),
      }).toEqual({ account: account.name, failing: [] });
    }
  });

  it('should show the MSSP client only its own accounts, and the organization none of them', async () => {
    const [own, theirs] = await Promise.all([
      api.findings(acme.reader),
      api.findings(northwind.reader),
    ]);
    expect(mismatches(expectedTable(clients.accounts), own)).toEqual([]);
    expect(inspectorOf(own)).toEqual(seededInspector(clients.accounts));
    expect(new Set(own.map((f) => f.account.id))).toEqual(
      new Set(clients.accounts.map((a) => a.accountId)),
    );
    const clientIds = new Set(clients.accounts.map((a) => a.accountId));
    expect(theirs.filter((f) => clientIds.has(f.account.id))).toEqual([]);
    // Another tenant's ids answer as if they did not exist.
    const [someoneElses] = theirs;
    expect(someoneElses).toBeDefined();
    const probes = await Promise.all([
      api.request('GET', `/v1/findings/${someoneElses?.uid ?? ''}`, acme.reader),
      api.request('GET', `/v1/scans/${firstScans.northwind.id}`, acme.reader),
      api.request('GET', `/v1/accounts/${org.management.accountId}`, acme.reader),
    ]);
    expect(probes.map((p) => p.status)).toEqual([404, 404, 404]);
  });

  describe('after the organization fixes some misconfigurations', () => {
    let fixed: { account: PostureAccount; change: PostureChange; flips: DemoExpectation[] }[];
    let before: Map<string, string>;

    it('should resolve exactly the fixed results on the next scan and keep the rest open', async () => {
      before = new Map(
        (await api.findings(northwind.reader)).map((f) => [findingIdentity(f), outcome(f)]),
      );
      const pick = (name: string) => {
        const a = org.accounts[name];
        if (a === undefined) throw new Error(`no account ${name}`);
        return a;
      };
      const plan: { name: string; changes: PostureChange[] }[] = [
        { name: 'prod-data', changes: [{ kind: 'ebsEncryptionByDefault', region: 'eu-west-1' }] },
        {
          name: 'dev-web',
          changes: [{ kind: 'passwordPolicy' }, { kind: 'openPort', name: 'dev-ssh-anywhere' }],
        },
        {
          name: 'sandbox-playground',
          changes: [{ kind: 'publicBucket', name: 'playground-share' }],
        },
      ];
      fixed = [];
      for (const { name, changes } of plan) {
        const account = pick(name);
        for (const change of changes) {
          fixed.push({
            account,
            change,
            flips: await fixMisconfigurations(moto, account, [change]),
          });
        }
      }
      const flipped = fixed.flatMap((f) =>
        f.flips.map((e) => expectedIdentity(e, f.account.accountId)),
      );
      expect(flipped.length).toBeGreaterThanOrEqual(5);

      const second = await scanAndWait(northwind);
      expect(second.status).toBe('completed_with_errors');
      expect(second.counts).toMatchObject({
        findingsResolved: flipped.length,
        findingsReopened: 0,
      });

      const after = await api.findings(northwind.reader);
      const resolved = after.filter((f) => f.status === 'resolved').map(findingIdentity);
      expect(resolved.sort()).toEqual([...flipped].sort());
      expect(
        after.filter((f) => f.status === 'resolved').every((f) => f.compliance === 'PASS'),
      ).toBe(true);
      // Every other failure seen before is still failing, now in progress.
      const flippedSet = new Set(flipped);
      const stillFailing = [...before]
        .filter(([id, o]) => o === 'new FAIL' && !flippedSet.has(id))
        .map(([id]) => id);
      const now = new Map(after.map((f) => [findingIdentity(f), outcome(f)]));
      expect(
        stillFailing
          .filter((id) => now.get(id) !== 'in_progress FAIL')
          .map((id) => `${id}: ${now.get(id)}`),
      ).toEqual([]);
      // Inspector2 findings still active stay open: all of them, none resolved. (Unchanged in
      // Inspector2 since the first pull, they are not observed anew: still `new`.)
      const inspector = after.filter((f) => f.kind === 'inspector');
      expect(inspectorOf(inspector)).toEqual(seededInspector(scannedMembers()));
      expect(inspector.filter((f) => f.status !== 'new' && f.status !== 'in_progress')).toEqual([]);
    });

    it('should reopen a fixed result that breaks again, and only that one', async () => {
      const ebs = fixed.find((f) => f.change.kind === 'ebsEncryptionByDefault');
      expect(ebs).toBeDefined();
      if (ebs === undefined) return;
      const broken = await breakAgain(moto, ebs.account, ebs.change);
      expect(broken).toHaveLength(1);
      const third = await scanAndWait(northwind, { accountIds: [ebs.account.accountId] });
      // Every account job reports the emulator's gaps, so a clean scan ends with errors too.
      expect(third.status).toBe('completed_with_errors');
      expect(third.counts).toMatchObject({
        accountsTotal: 1,
        accountsDone: 1,
        accountsFailed: 0,
        findingsReopened: 1,
        findingsResolved: 0,
      });
      const findings = await api.findings(northwind.reader);
      const now = new Map(findings.map((f) => [findingIdentity(f), outcome(f)]));
      const [reopened] = broken;
      expect(reopened).toBeDefined();
      if (reopened === undefined) return;
      expect(now.get(expectedIdentity(reopened, ebs.account.accountId))).toBe('new FAIL');
      const stillResolved = fixed
        .filter((f) => f !== ebs)
        .flatMap((f) => f.flips.map((e) => expectedIdentity(e, f.account.accountId)));
      expect(stillResolved.filter((id) => now.get(id) !== 'resolved PASS')).toEqual([]);
    });
  });
});
