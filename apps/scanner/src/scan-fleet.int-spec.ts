// The scanner fleet as deployed: two worker processes in one consumer group on the real Kafka
// broker, moto behind the fault proxy. Jobs in, result batches and job events out; a cancelled
// scan stops; a job longer than the session timeout keeps its worker in the group; SIGTERM
// hands a running job back to the other worker.
import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type ScanJob, type ScanJobEvent, SCHEMA_VERSION, Topics } from '@palisade/contracts';
import {
  type AwsProxy,
  awsClientConfig,
  depsEnv,
  freshAccount,
  type KafkaObserver,
  scanJobFor,
  type ServiceProcess,
  startAwsProxy,
  startKafkaObserver,
  startServiceProcess,
} from '@palisade/testing';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const BASE_SECRET = 'scanner-fleet-base-secret-1d9c';
const CHECK = 's3_bucket_public_access_block';

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the scanner fleet over Kafka', () => {
  const prefix = `fleet-${randomUUID().slice(0, 8)}.`;
  let proxy: AwsProxy;
  const workers: ServiceProcess[] = [];
  let observer: KafkaObserver;
  const events = () => observer.of(Topics.scanJobEvents);
  const batches = () => observer.of(Topics.findingsRaw);

  const startWorker = () =>
    startServiceProcess({
      entry: 'apps/scanner/src/main.ts',
      env: {
        KAFKA_BROKERS: depsEnv('PALISADE_KAFKA_BROKERS'),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_PREFIX: prefix,
        KAFKA_PARTITIONS_DEFAULT: '1',
        KAFKA_PARTITIONS_JOBS: '4',
        KAFKA_PARTITIONS_JOB_EVENTS: '2',
        KAFKA_PARTITIONS_FINDINGS_RAW: '2',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
        SCANNER_DRAIN_MS: '1000',
        SCANNER_JOB_CONCURRENCY: '2',
        SCANNER_AWS_MAX_ATTEMPTS: '10',
        AWS_ENDPOINT_URL: proxy.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAPALISADEFLEET',
        AWS_SECRET_ACCESS_KEY: BASE_SECRET,
      },
    });

  const publishJob = (job: ScanJob) => observer.publish(Topics.scanJobs, job);

  const eventsOf = (jobId: string) => events().filter((e) => e.jobId === jobId);
  const finishedOf = (jobId: string) =>
    eventsOf(jobId).filter(
      (e): e is Extract<ScanJobEvent, { type: 'finished' }> => e.type === 'finished',
    );

  /** A job whose S3 calls are throttled `times` times with a 1 s Retry-After: a slow job. */
  function slowJob(times: number): ScanJob {
    const accountId = freshAccount();
    proxy.addRule({
      kind: 'throttle',
      account: accountId,
      service: 's3',
      retryAfterSeconds: 1,
      times,
    });
    return scanJobFor(accountId, { checks: [CHECK] });
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    workers.push(await startWorker(), await startWorker());
    observer = await startKafkaObserver({
      prefix,
      watch: [Topics.scanJobEvents, Topics.findingsRaw],
    });
  }, 180_000);

  afterAll(async () => {
    await observer?.stop();
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await proxy?.close();
  });

  it('should run each job of a scan once across the workers, results before the final event', async () => {
    const accounts = Array.from({ length: 6 }, () => freshAccount());
    const sts = new STSClient({ ...awsClientConfig(depsEnv('PALISADE_MOTO_URL')), maxAttempts: 1 });
    const withBucket = accounts[0] as string;
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${withBucket}:role/seed`,
        RoleSessionName: 'seed',
      }),
    );
    const s3 = new S3Client({
      ...awsClientConfig(depsEnv('PALISADE_MOTO_URL'), {
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
        sessionToken: assumed.Credentials?.SessionToken ?? '',
      }),
      maxAttempts: 1,
    });
    await s3.send(new CreateBucketCommand({ Bucket: `fleet-${withBucket}` }));
    const scanId = randomUUID();
    const jobs = accounts.map((a) => scanJobFor(a, { scanId, checks: [CHECK] }));
    for (const job of jobs) await publishJob(job);

    await until(
      () => jobs.every((j) => finishedOf(j.jobId).length > 0),
      90_000,
      'six finished jobs',
    );
    for (const job of jobs) {
      expect(eventsOf(job.jobId).filter((e) => e.type === 'started')).toHaveLength(1);
      expect(finishedOf(job.jobId)).toHaveLength(1);
    }
    const finished = finishedOf(jobs[0]?.jobId ?? '')[0];
    const results = batches()
      .filter((b) => b.jobId === jobs[0]?.jobId && b.kind === 'check-results')
      .flatMap((b) => (b.kind === 'check-results' ? b.results : []));
    expect(results.map((r) => r.resourceUid)).toEqual([`arn:aws:s3:::fleet-${withBucket}`]);
    expect(finished?.scopeCounts).toEqual([{ region: 'global', checkId: CHECK, count: 1 }]);
    expect(finished?.apiCalls).toBeGreaterThan(0);
    const workersUsed = new Set(
      events()
        .filter((e) => e.type === 'started' && e.scanId === scanId)
        .map((e) => (e as { worker: string }).worker),
    );
    expect(workersUsed.size).toBe(2);
  });

  it('should keep a job longer than the session timeout in its worker (no second start)', async () => {
    const job = slowJob(9);
    await publishJob(job);
    await until(() => finishedOf(job.jobId).length > 0, 90_000, 'the slow job to finish');
    const finished = finishedOf(job.jobId)[0];
    expect(finished?.timings.durationMs).toBeGreaterThan(6000);
    expect(eventsOf(job.jobId).filter((e) => e.type === 'started')).toHaveLength(1);
    expect(finished?.errors).toEqual([]);
  });

  it('should stop a cancelled scan at the next check boundary and say so', async () => {
    const job = slowJob(5);
    await publishJob(job);
    await until(
      () => eventsOf(job.jobId).some((e) => e.type === 'started'),
      30_000,
      'the job to start',
    );
    await observer.publish(Topics.scanControl, {
      schemaVersion: SCHEMA_VERSION,
      scanId: job.scanId,
      tenantId: job.tenantId,
      action: 'cancel',
      requestedAt: new Date().toISOString(),
    });
    await until(() => finishedOf(job.jobId).length > 0, 60_000, 'the cancelled job to end');
    expect(finishedOf(job.jobId)[0]).toMatchObject({ cancelled: true, scopeCounts: [] });
  });

  it('should hand a running job back on SIGTERM: the other worker runs it, the stopped one exits 0', async () => {
    const job = slowJob(8);
    await publishJob(job);
    await until(
      () => eventsOf(job.jobId).some((e) => e.type === 'started'),
      30_000,
      'the job to start',
    );
    const first = eventsOf(job.jobId).find((e) => e.type === 'started') as { worker: string };
    // The worker name is `<host>:<pid>`; pino puts the pid on every log line.
    const ownerPid = first.worker.split(':').pop();
    const owner = workers.find((w) => w.lines.some((l) => String(l['pid']) === ownerPid));
    if (owner === undefined) throw new Error(`no worker has pid ${ownerPid}`);
    expect(await owner.stop('SIGTERM')).toBe(0);
    await until(() => finishedOf(job.jobId).length > 0, 90_000, 'the handed-back job to finish');
    const starts = eventsOf(job.jobId).filter((e) => e.type === 'started') as { worker: string }[];
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.at(-1)?.worker).not.toBe(first.worker);
    expect(
      JSON.stringify(workers.map((w) => w.lines)) + workers.map((w) => w.stderr()).join(''),
    ).not.toContain(BASE_SECRET);
  });
});
