// The fleet under faults (issue 9): the built services as separate processes (discovery ×1,
// scanner ×2, normaliser ×1, api ×1) on a Kafka broker and a Postgres server of this file's own —
// so stopping them disturbs no other suite — with the shared moto behind this file's fault proxy.
// A small organization (a management account and six members, two regions) is scanned once,
// undisturbed, by a baseline tenant; then each test onboards a fresh tenant through the REST API,
// scans the same organization with one fault, and compares what it ends with to the baseline:
// the same findings with the same status and compliance (identities are tenant-free), the same
// jobs (one per account and the organization job, each succeeded), the same status and counts —
// nothing lost, nothing duplicated — except where the fault itself defines the difference.
// Every scan runs the same subset of checks, all of which moto implements (the baseline has no
// ERROR), so an ERROR under a fault means the fault.
import { ALL_CHECKS } from '@palisade/checks';
import {
  decodeMessage,
  type ScanJob as JobMessage,
  type ScanJobEvent,
  type TopicDefinition,
  Topics,
} from '@palisade/contracts';
import { createTestDatabase, type TestDatabase } from '@palisade/persistence';
import {
  type ApiFinding,
  type AwsProxy,
  depsEnv,
  type Fleet,
  type FleetOrganization,
  FINAL_SCAN_STATUSES,
  outcomeDifferences,
  outcomes,
  PalisadeClient,
  parseCsv,
  type PrivateKafka,
  type PrivatePostgres,
  type ProxyRule,
  type Scan,
  type ScanJob,
  seedFleetOrganization,
  startAwsProxy,
  startFleet,
  startPrivateKafka,
  startPrivatePostgres,
} from '@palisade/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  holdAdvisoryLock,
  holdJobRecording,
  jobRowCount,
  outboxPublished,
} from './support/fault-db';
import { rawProducer, type TopicWatch, watchTopics } from './support/fault-kafka';
import { poisonMessages, VALID_SAMPLES } from './support/fault-poison';

/**
 * Spread over IAM and S3 (global), EC2, VPC and KMS (regional), CloudTrail and the organization;
 * every account job adds `inspector2_scanning_enabled` and pulls Inspector2 findings.
 */
const CHECKS = [
  'iam_password_policy_minimum_length',
  'iam_user_console_mfa_enabled',
  'iam_user_no_direct_policies',
  'iam_policy_no_full_admin_attached',
  's3_bucket_public_access_block',
  's3_bucket_policy_no_public_principal',
  'ec2_instance_imdsv2_required',
  'ec2_security_group_admin_ports_ipv4_restricted',
  'vpc_flow_logs_enabled',
  'kms_cmk_rotation_enabled',
  'cloudtrail_multi_region_enabled',
  'cloudtrail_log_file_validation_enabled',
  'organizations_accounts_have_guardrails',
];
const SCAN_TIMEOUT_MS = 240_000;
const READY_TIMEOUT_MS = 90_000;
// A fault test is one scan, its fault and the restarts it needs: 120 s is tight on a busy machine.
jest.setTimeout(300_000);
const LABEL = 'fleet-faults';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined); fails naming `what` after `timeoutMs`. */
async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

const serviceOf = (checkId: string | null) =>
  ALL_CHECKS.find((c) => c.metadata.id === checkId)?.metadata.service;

interface TenantHandle {
  readonly key: string;
  readonly sourceId: string;
}

/** What one scan of a tenant ended with, as the API shows it. */
interface ScanRun {
  readonly tenant: TenantHandle;
  readonly scan: Scan;
  readonly jobs: readonly ScanJob[];
  readonly findings: readonly ApiFinding[];
}

/** A job as the comparison sees it: where, what, how it ended, and its errors' codes. */
const jobSummary = (jobs: readonly ScanJob[]) =>
  jobs
    .map((j) => `${j.scope} ${j.accountId} ${j.status} [${j.errors.map((e) => e.code).join()}]`)
    .sort();

describe('the fleet under faults: each ends as the undisturbed baseline', () => {
  const moto = depsEnv('PALISADE_MOTO_URL');
  let kafka: PrivateKafka;
  let postgres: PrivatePostgres;
  let database: TestDatabase;
  let proxy: AwsProxy;
  let org: FleetOrganization;
  let fleet: Fleet;
  let watch: TopicWatch;
  let baseline: ScanRun;
  let testStarted = 0;
  /** Milliseconds, written to test-output/fleet/fleet-faults/timings.json. */
  const timings: Record<string, number> = {};

  const api = () => new PalisadeClient(fleet.apiUrl);
  const physical = (t: TopicDefinition) => `${fleet.prefix}${t.name}`;
  const physicalDlq = (t: TopicDefinition) => `${fleet.prefix}${t.dlq}`;
  const jobMessagesOf = (scanId: string) =>
    watch.values<JobMessage>(physical(Topics.scanJobs)).filter((j) => j.scanId === scanId);
  const jobEventsOf = (scanId: string) =>
    watch.values<ScanJobEvent>(physical(Topics.scanJobEvents)).filter((e) => e.scanId === scanId);
  /** The scanners' `job done` log lines of a scan, across their restarts. */
  const jobsDone = (scanId: string) =>
    [0, 1].flatMap((i) =>
      fleet.logLines('scanner', i).filter((l) => l['msg'] === 'job done' && l['scanId'] === scanId),
    );
  /** One job per account of the organization (their names are the declaration's) and the organization job. */
  const expectedJobCount = () => Object.keys(org.accounts).length + 1;

  async function startTopicWatch(): Promise<TopicWatch> {
    return watchTopics(kafka.brokers, [
      physical(Topics.scanJobs),
      physical(Topics.scanJobEvents),
      ...Object.values(Topics).map(physicalDlq),
    ]);
  }

  async function onboard(name: string): Promise<TenantHandle> {
    const client = api();
    const tenant = await client.createTenant(fleet.operatorKey, name);
    const source = await client.createSource(tenant.adminKey, {
      name: 'fabrikam',
      kind: 'organization',
      config: {
        managementRoleArn: `arn:aws:iam::${org.management.accountId}:role/${org.memberRoleName}`,
        memberRoleName: org.memberRoleName,
        regions: org.regions,
      },
    });
    return { key: tenant.adminKey, sourceId: source.id };
  }

  const startScan = (tenant: TenantHandle) =>
    api().startScan(tenant.key, { sourceId: tenant.sourceId, checks: CHECKS });

  /**
   * Polls the scan until it ends. The api (or its database) may be down for a while during a
   * fault: a failed poll is tried again until the deadline.
   */
  async function settle(tenant: TenantHandle, scanId: string): Promise<Scan> {
    const deadline = Date.now() + SCAN_TIMEOUT_MS;
    for (;;) {
      let last: unknown;
      try {
        const scan = await api().scan(tenant.key, scanId);
        if (FINAL_SCAN_STATUSES.includes(scan.status)) return scan;
        last = JSON.stringify(scan);
      } catch (err) {
        last = err;
      }
      if (Date.now() > deadline) throw new Error(`scan ${scanId} did not end: ${String(last)}`);
      await sleep(500);
    }
  }

  async function collect(tenant: TenantHandle, scan: Scan): Promise<ScanRun> {
    const client = api();
    const [jobs, findings] = await Promise.all([
      client.scanJobs(tenant.key, scan.id),
      client.findings(tenant.key),
    ]);
    return { tenant, scan, jobs, findings };
  }

  /** Onboards a tenant, scans, waits for the end (running `during` meanwhile) and collects. */
  async function scanWith(
    name: string,
    during: (tenant: TenantHandle, scan: Scan) => Promise<void> = () => Promise.resolve(),
  ): Promise<ScanRun> {
    const tenant = await onboard(name);
    const scan = await startScan(tenant);
    await during(tenant, scan);
    return collect(tenant, await settle(tenant, scan.id));
  }

  /** Nothing lost, nothing duplicated: the run ends exactly as the baseline did. */
  function expectLikeBaseline(run: ScanRun): void {
    expect(outcomeDifferences(outcomes(baseline.findings), outcomes(run.findings))).toEqual([]);
    expect(jobSummary(run.jobs)).toEqual(jobSummary(baseline.jobs));
    expect(run.scan.status).toBe(baseline.scan.status);
    expect(run.scan.counts).toEqual(baseline.scan.counts);
  }

  /** The fault comes in the middle of the scan: it has not ended yet. */
  async function expectRunning(tenant: TenantHandle, scan: Scan): Promise<void> {
    const now = await api().scan(tenant.key, scan.id);
    expect(FINAL_SCAN_STATUSES).not.toContain(now.status);
  }

  /** Whether a service answers its readiness probe within `timeoutMs`. */
  async function readyWithin(url: string, timeoutMs: number): Promise<boolean> {
    const ready = () =>
      fetch(`${url}/health/ready`).then(
        (r) => (r.status === 200 ? true : undefined),
        () => undefined,
      );
    return until('readiness', timeoutMs, ready).then(
      () => true,
      () => false,
    );
  }

  /** Every service of the fleet is running and ready (the same processes unless a test restarted one). */
  async function expectFleetReady(): Promise<void> {
    const states = await Promise.all(
      fleet.list().map(async (m) => {
        const ready =
          m.process !== undefined && (await readyWithin(m.process.url, READY_TIMEOUT_MS));
        return `${m.service} ${m.index} ${ready ? 'ready' : 'not ready'}`;
      }),
    );
    expect(states.filter((s) => s.endsWith('not ready'))).toEqual([]);
  }

  beforeAll(async () => {
    const started = Date.now();
    proxy = await startAwsProxy({ upstream: moto });
    // The broker and the database server start while moto is seeded.
    let seeded: FleetOrganization | undefined;
    const seeding = seedFleetOrganization(moto, { size: 'small' }).then((o) => (seeded = o));
    [kafka, postgres] = await Promise.all([startPrivateKafka(), startPrivatePostgres()]);
    timings['setup: private Kafka and Postgres up'] = Date.now() - started;
    database = await createTestDatabase({
      host: postgres.host,
      port: postgres.port,
      superuser: postgres.superuser,
    });
    timings['setup: database migrated'] = Date.now() - started;
    fleet = await startFleet({
      label: LABEL,
      kafkaBrokers: kafka.brokers,
      databaseUrl: database.serviceUrl,
      awsEndpoints: [proxy.url, proxy.url],
      env: {
        API_RATE_LIMIT_PER_MINUTE: '100000',
        // Every selected check calls only what moto implements: retrying is for the throttles.
        SCANNER_AWS_MAX_ATTEMPTS: '10',
        // A scan's eight jobs run at once on the two scanners (the default is two per tenant).
        SCANNER_TENANT_JOB_LIMIT: '4',
      },
    });
    timings['setup: fleet started'] = Date.now() - started;
    await seeding;
    if (seeded === undefined) throw new Error('the organization was not seeded');
    org = seeded;
    watch = await startTopicWatch();
    timings['setup: total'] = Date.now() - started;
    const scanStarted = Date.now();
    baseline = await scanWith('baseline');
    timings['baseline scan'] = Date.now() - scanStarted;
  }, 400_000);

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
    testStarted = Date.now();
  });

  afterEach(async () => {
    timings[expect.getState().currentTestName ?? 'test'] = Date.now() - testStarted;
    if (fleet === undefined) return;
    // Whatever a failed test left behind, the next one starts from a whole, ready fleet.
    proxy.clearRules();
    for (const member of fleet.list()) {
      const running = member.process;
      if (running !== undefined && (await readyWithin(running.url, 30_000))) continue;
      if (running !== undefined) await fleet.stop(member.service, member.index, 'SIGKILL');
      await fleet.start(member.service, member.index);
    }
  }, 300_000);

  afterAll(async () => {
    await watch?.stop().catch(() => undefined);
    await fleet?.stopAll();
    org?.organization.close();
    await proxy?.close();
    await database?.drop().catch(() => undefined);
    await Promise.all([kafka?.close(), postgres?.close()]);
    const dir = resolve(__dirname, '../../test-output/fleet', LABEL);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  }, 120_000);

  it('has an undisturbed baseline: every account scanned once, no error, the seeded Inspector2 findings', () => {
    const accounts = Object.values(org.accounts).map((a) => a.accountId);
    expect(baseline.scan.status).toBe('completed');
    expect(jobSummary(baseline.jobs)).toEqual(
      [
        ...accounts.map((id) => `account ${id} succeeded []`),
        `organization ${org.management.accountId} succeeded []`,
      ].sort(),
    );
    expect(baseline.findings.filter((f) => f.compliance === 'ERROR')).toEqual([]);
    expect(baseline.scan.counts.findingsNew).toBeGreaterThan(0);
    const checkIds = new Set(baseline.findings.map((f) => f.checkId));
    expect([...CHECKS, 'inspector2_scanning_enabled'].filter((c) => !checkIds.has(c))).toEqual([]);
    const seededCves = Object.values(org.accounts)
      .flatMap((a) => a.inspectorFindings.map((f) => `${a.accountId} ${f.region} ${f.cveId}`))
      .sort();
    const pulled = baseline.findings
      .filter((f) => f.kind === 'inspector')
      .map((f) => `${f.account.id} ${f.region} ${/CVE-\d+-\d+/.exec(f.title)?.[0] ?? f.title}`)
      .sort();
    expect(pulled).toEqual(seededCves);
  });

  it('1. a scanner killed (SIGKILL) in the middle of a job: the other one runs it, nothing lost or doubled', async () => {
    // Holding Inspector2 pulls makes a job that published its check results and has not
    // finished. The first job held is kept held, the others let go at once; its scanner is killed.
    const hold = (account?: string): ProxyRule => ({
      kind: 'throttle',
      service: 'inspector2',
      operation: 'ListFindings',
      retryAfterSeconds: 3,
      ...(account === undefined ? {} : { account }),
    });
    proxy.setRules([hold()]);
    let killed: { index: number; jobId: string; worker: string } | undefined;
    const run = await scanWith('fault-1-scanner-killed', async (_tenant, scan) => {
      const held = await until('a held Inspector2 pull', 120_000, () =>
        proxy.log.find((e) => e.injected === 'throttle' && e.operation === 'ListFindings'),
      );
      proxy.setRules([hold(held.account)]);
      const start = await until(`the start of ${held.account}'s job`, 30_000, () =>
        jobEventsOf(scan.id).find((e) => e.type === 'started' && e.accountId === held.account),
      );
      if (start.type !== 'started') throw new Error('not a start');
      const pid = Number(start.worker.split(':').pop());
      const owner = fleet.list().find((m) => m.service === 'scanner' && m.process?.pid === pid);
      if (owner === undefined) throw new Error(`no scanner has pid ${pid}`);
      expect(jobsDone(scan.id).map((l) => l['jobId'])).not.toContain(start.jobId);
      expect(await fleet.stop('scanner', owner.index, 'SIGKILL')).toBe('SIGKILL');
      killed = { index: owner.index, jobId: start.jobId, worker: start.worker };
      proxy.clearRules();
    });
    if (killed === undefined) throw new Error('no scanner was killed');
    expectLikeBaseline(run);
    // The killed job never finished where it started: the other scanner ran it again.
    const starts = jobEventsOf(run.scan.id).filter(
      (e): e is Extract<ScanJobEvent, { type: 'started' }> =>
        e.type === 'started' && e.jobId === killed?.jobId,
    );
    expect(starts[0]?.worker).toBe(killed.worker);
    expect(starts.at(-1)?.worker).not.toBe(killed.worker);
    await fleet.start('scanner', killed.index);
    await expectFleetReady();
  });

  it('2. the broker stopped and restarted in the middle of a scan: every service recovers', async () => {
    const run = await scanWith('fault-2-broker-restarted', async (tenant, scan) => {
      await until('a first job done', 120_000, () => jobsDone(scan.id)[0]);
      await expectRunning(tenant, scan);
      await watch.stop();
      await kafka.stop();
      try {
        await sleep(3_000);
      } finally {
        await kafka.start();
        watch = await startTopicWatch();
      }
    });
    expectLikeBaseline(run);
    await expectFleetReady();
  });

  it('3. Postgres restarted while the normaliser ingests: nothing lost', async () => {
    const run = await scanWith('fault-3-postgres-restarted', async (tenant, scan) => {
      await until('a first job done', 120_000, () => jobsDone(scan.id)[0]);
      await expectRunning(tenant, scan);
      await postgres.stop();
      try {
        await sleep(2_000);
      } finally {
        await postgres.start();
      }
    });
    expectLikeBaseline(run);
    await expectFleetReady();
  });

  it('4. 20% of AWS calls throttled: the retries absorb them', async () => {
    proxy.setRules([{ kind: 'throttle', probability: 0.2, retryAfterSeconds: 0 }]);
    const run = await scanWith('fault-4-throttled');
    const throttled = proxy.log.filter((e) => e.injected === 'throttle');
    expect(throttled.length).toBeGreaterThan(0.1 * proxy.log.length);
    // The scanners' calls among them (only they read EC2 and S3), not only discovery's.
    expect([...new Set(throttled.map((e) => e.service))]).toEqual(
      expect.arrayContaining(['ec2', 's3']),
    );
    expectLikeBaseline(run);
  });

  it('5. AccessDenied on IAM in one account, a region not enabled in another: ERROR with codes there, the rest as the baseline', async () => {
    const denied = org.accounts['dev-web'];
    const optedOut = org.accounts['prod-web'];
    if (denied === undefined || optedOut === undefined) throw new Error('accounts not seeded');
    const region = 'eu-west-1';
    proxy.setRules([
      { kind: 'accessDenied', account: denied.accountId, service: 'iam' },
      { kind: 'regionNotEnabled', account: optedOut.accountId, region },
    ]);
    const run = await scanWith('fault-5-denied-and-opted-out');
    // S3 checks report globally, but a bucket's settings are read in its region: the posture's
    // buckets live in its resource region.
    const bucketsThere = new Set(
      (optedOut.posture.resourceRegion ?? org.regions[0]) === region
        ? (optedOut.posture.buckets ?? []).map(
            (b) => `arn:aws:s3:::${b.name}-${optedOut.accountId}`,
          )
        : [],
    );
    const deniedIam = (f: ApiFinding) =>
      f.account.id === denied.accountId && serviceOf(f.checkId) === 'iam';
    const inOptedOut = (f: ApiFinding) =>
      f.account.id === optedOut.accountId &&
      (f.region === region || bucketsThere.has(f.resource.uid));
    const affected = (f: ApiFinding) => deniedIam(f) || inOptedOut(f);
    // The baseline has passing and failing results in both places.
    for (const where of [deniedIam, inOptedOut]) {
      const there = baseline.findings.filter(where).map((f) => f.compliance);
      expect(there).toEqual(expect.arrayContaining(['PASS', 'FAIL']));
    }
    const unaffected = (findings: readonly ApiFinding[]) => findings.filter((f) => !affected(f));
    expect(
      outcomeDifferences(
        outcomes(unaffected(baseline.findings)),
        outcomes(unaffected(run.findings)),
      ),
    ).toEqual([]);
    // Where the fault was, nothing passes, fails or is resolved: only errors, with their codes.
    expect(
      run.findings.filter(affected).filter((f) => f.status !== 'error' || f.compliance !== 'ERROR'),
    ).toEqual([]);
    const errorsOf = async (accountId: string) => {
      const csv = await api().request<string>(
        'GET',
        `/v1/exports/findings?format=csv&accountId=${accountId}&status=error`,
        run.tenant.key,
      );
      expect(csv.status).toBe(200);
      const [header = [], ...rows] = parseCsv(csv.body);
      const at = (row: string[], name: string) => row[header.indexOf(name)] ?? '';
      return rows.map(
        (r) => `${at(r, 'check_id')} ${at(r, 'resource_uid')} ${at(r, 'error_code')}`,
      );
    };
    const account = (id: string) => `arn:aws:iam::${id}:account`;
    const iamChecks = CHECKS.filter((c) => serviceOf(c) === 'iam');
    const s3Checks = CHECKS.filter((c) => serviceOf(c) === 's3');
    expect((await errorsOf(denied.accountId)).sort()).toEqual(
      iamChecks.map((c) => `${c} ${account(denied.accountId)} ACCESS_DENIED`).sort(),
    );
    // The proxy answers S3 in a region that is not enabled as AWS does with a token the region
    // does not accept (InvalidToken); the region's own results are not produced at all.
    expect((await errorsOf(optedOut.accountId)).sort()).toEqual(
      s3Checks
        .flatMap((c) => [...bucketsThere].map((b) => `${c} ${b} INVALID_TOKEN_IN_REGION`))
        .sort(),
    );
    const jobOf = (id: string) => run.jobs.find((j) => j.scope === 'account' && j.accountId === id);
    expect(
      jobOf(denied.accountId)
        ?.errors.map((e) => `${e.checkId ?? ''} ${e.code}`)
        .sort(),
    ).toEqual(iamChecks.map((c) => `${c} ACCESS_DENIED`).sort());
    expect(jobOf(optedOut.accountId)?.errors.map((e) => `${e.region ?? ''} ${e.code}`)).toEqual([
      `${region} REGION_NOT_ENABLED`,
    ]);
    expect(
      run.jobs.filter(
        (j) =>
          j.accountId !== denied.accountId && j.accountId !== optedOut.accountId && j.errors.length,
      ),
    ).toEqual([]);
    // Every job still ran to its end, once; the scan says it met errors.
    const ended = (jobs: readonly ScanJob[]) =>
      jobs.map((j) => `${j.scope} ${j.accountId} ${j.status}`).sort();
    expect(ended(run.jobs)).toEqual(ended(baseline.jobs));
    expect(run.scan.status).toBe('completed_with_errors');
  });

  it('6. poison messages on every topic: each is dead-lettered with its reason, the scan completes', async () => {
    for (const [topic, sample] of Object.entries(VALID_SAMPLES)) {
      expect([topic, decodeMessage(Topics[topic as keyof typeof Topics], sample).ok]).toEqual([
        topic,
        true,
      ]);
    }
    const poisons = poisonMessages();
    const run = await scanWith('fault-6-poison', async () => {
      const producer = await rawProducer(kafka.brokers);
      try {
        for (const p of poisons) {
          await producer.send(physical(Topics[p.topic]), [{ key: p.key, value: p.value }]);
        }
      } finally {
        await producer.close();
      }
    });
    expectLikeBaseline(run);
    const deadLetterOf = (p: (typeof poisons)[number]) =>
      watch.records(physicalDlq(Topics[p.topic])).find((r) => r.key === p.key);
    await until('every poison message in its dead-letter topic', 60_000, () =>
      poisons.every((p) => deadLetterOf(p) !== undefined) ? true : undefined,
    );
    for (const p of poisons) {
      const letter = deadLetterOf(p);
      expect({
        key: p.key,
        value: letter?.value,
        code: letter?.headers['x-dlq-error-code'],
      }).toEqual({ key: p.key, value: p.value, code: 'INVALID_MESSAGE' });
      expect(letter?.headers['x-dlq-source-topic']).toBe(physical(Topics[p.topic]));
      expect(letter?.headers['x-dlq-error-reason']).toMatch(p.reason);
    }
    await expectFleetReady();
  });

  it('7. the normaliser down during the scan, started after it: the scan completes as the baseline', async () => {
    await fleet.stop('normaliser');
    const run = await scanWith('fault-7-normaliser-late', async (tenant, scan) => {
      await until('every job of the scan done', 120_000, () =>
        new Set(jobsDone(scan.id).map((l) => l['jobId'])).size === expectedJobCount()
          ? true
          : undefined,
      );
      await expectRunning(tenant, scan);
      await fleet.start('normaliser');
    });
    expectLikeBaseline(run);
  });

  it('8. the api killed after accepting a scan and before publishing it: the outbox delivers it once', async () => {
    const tenant = await onboard('fault-8-api-killed');
    // While this test holds the relay's lock, no relay (the api's, discovery's) publishes.
    const relay = await holdAdvisoryLock(database.superUrl, 'outbox-relay');
    let scan: Scan;
    try {
      scan = await startScan(tenant);
      expect(await outboxPublished(database.superUrl, scan.id)).toEqual([false]);
      expect(await fleet.stop('api', 0, 'SIGKILL')).toBe('SIGKILL');
      expect(await outboxPublished(database.superUrl, scan.id)).toEqual([false]);
      expect(await jobRowCount(database.superUrl, scan.id)).toBe(0);
      expect(jobMessagesOf(scan.id)).toEqual([]);
      await fleet.start('api');
    } finally {
      await relay.release();
    }
    const run = await collect(tenant, await settle(tenant, scan.id));
    expectLikeBaseline(run);
    expect(await outboxPublished(database.superUrl, scan.id)).toEqual([true]);
    expect(jobMessagesOf(scan.id)).toHaveLength(expectedJobCount());
  });

  it('9. discovery killed in the middle of a fan-out: every job ends once, nothing doubled', async () => {
    // Discovery publishes a scan's jobs, then records that it did: the hold keeps it between.
    const hold = await holdJobRecording(database.superUrl);
    let released = false;
    const release = async () => {
      if (!released) await hold.release();
      released = true;
    };
    const fannedOut = (scanId: string) =>
      fleet
        .logLines('discovery')
        .filter((l) => l['scanId'] === scanId && l['msg'] === 'scan fanned out');
    try {
      const run = await scanWith('fault-9-discovery-killed', async (_tenant, scan) => {
        await hold.waitUntilHeld(120_000);
        expect(await fleet.stop('discovery', 0, 'SIGKILL')).toBe('SIGKILL');
        await release();
        expect(fannedOut(scan.id)).toEqual([]);
        await fleet.start('discovery');
        // The request was not acknowledged: the restarted discovery gets it again and emits
        // the jobs nothing has acknowledged yet; wait for those runs too.
        const [again] = await until('the fan-out to be finished again', 120_000, () => {
          const lines = fannedOut(scan.id);
          return lines.length > 0 ? lines : undefined;
        });
        const reemitted = Number(again?.['jobs']);
        await until('every job run to be done', 120_000, () =>
          jobsDone(scan.id).length >= expectedJobCount() + reemitted ? true : undefined,
        );
      });
      expectLikeBaseline(run);
      expect(fannedOut(run.scan.id)).toHaveLength(1);
    } finally {
      await release();
    }
  });
});
