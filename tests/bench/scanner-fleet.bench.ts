// Benchmark of the scanner fleet (a script, never a test: it prints figures and never passes or
// fails on time). Seeds N accounts identically into two moto instances of its own (one moto per
// worker: a moto serves only a few hundred requests/s), each behind the fault proxy so every AWS
// call is logged, then runs the full CIS framework over eu-west-1 and us-east-1 for every account
// through real scanner worker processes on the real Kafka broker: round 1 with one worker,
// round 2 with two (one per moto), each round on fresh topics and consumer groups. A round's
// jobs are one scan of one tenant (SCANNER_TENANT_JOB_LIMIT = the job concurrency, so fair share
// does not cap it). Each moto is warmed up first by one in-process scan of an extra account:
// moto imports a service's backend on its first call, which would otherwise bias round 1.
//
//   node -r @swc-node/register tests/bench/scanner-fleet.bench.ts             # 20 accounts
//   node -r @swc-node/register tests/bench/scanner-fleet.bench.ts --smoke     # 3, for CI
//   ... --accounts 40 [--job-concurrency 4] [--seed-concurrency 4] [--max-attempts 8]
//
// SCANNER_AWS_MAX_ATTEMPTS is 1 by default (checks.md: against moto an unimplemented call must
// fail fast): moto answers the calls it does not emulate (Access Analyzer, some IAM and
// Organizations operations) with HTTP 500, which the SDK retries with backoff, so with the
// deployed default of 8 attempts the figures would mostly measure that backoff.
//
// Kafka comes from scripts/deps (up.sh is run, idempotent; the broker is read from its env
// file). The motos `moto-bench-w1` and `moto-bench-w2` (no managed IAM policies) are started
// (or reused and reset) here and stopped at the end, as are the workers and proxies. Exits
// non-zero only when something breaks: a job not finished in time, a failed job, a worker that
// dies or does not exit cleanly on SIGTERM.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { encodeMessage, type ScanJobEvent, Topics } from '@palisade/contracts';
import {
  type AwsProxy,
  scanJobFor,
  type ServiceProcess,
  startAwsProxy,
  startServiceProcess,
} from '@palisade/testing';
import { type Admin, Kafka, Partitioners, type Producer } from 'kafkajs';
import { pool, seedLightAccount, warmUpMoto } from './support/light-accounts';
import { cpuSeconds, kafkaBrokers, type Moto, startMoto } from './support/motos';

const MOTO_NAMES = ['moto-bench-w1', 'moto-bench-w2'] as const;
const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const HOME = 'us-east-1';
const FIRST_ACCOUNT = 200_000_000_000;
/** Scanned once per moto before the rounds, never in them. */
const WARM_UP_ACCOUNT = '199999999999';
const SCANNER_GROUP = 'palisade-scanner';

interface Args {
  accounts: number;
  jobConcurrency: number;
  seedConcurrency: number;
  /** SCANNER_AWS_MAX_ATTEMPTS of the workers. */
  maxAttempts: number;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'job-concurrency': { type: 'string', default: '4' },
      'seed-concurrency': { type: 'string', default: '4' },
      'max-attempts': { type: 'string', default: '1' },
    },
  });
  return {
    accounts: Number(values.accounts ?? (values.smoke ? 3 : 20)),
    jobConcurrency: Number(values['job-concurrency']),
    seedConcurrency: Number(values['seed-concurrency']),
    maxAttempts: Number(values['max-attempts']),
  };
}

async function until(condition: () => boolean, timeoutMs: number, what: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function pidOf(worker: ServiceProcess): number {
  const pid = worker.lines.find((l) => typeof l['pid'] === 'number')?.['pid'];
  if (typeof pid !== 'number') throw new Error('the worker logged no pid');
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Peak resident set (VmHWM) in KiB. */
function peakRssKiB(pid: number): number {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(m[1]);
}

interface RoundResult {
  workers: number;
  wallMs: number;
  awsCalls: number;
  non2xx: number;
  results: number;
  jobErrors: number;
  /** Each job's own duration (its finished event), sorted. */
  jobMs: number[];
  jobsPerWorker: number[];
  peakRssKiB: number[];
  /** From spawning the workers to their consumer group being stable. */
  startupMs: number;
  /** CPU seconds used between the first publish and the last finished job. */
  workerCpuS: number[];
  motoCpuS: number[];
  operations: Map<string, number>;
  failedCalls: Map<string, number>;
  /** The finished events' errors by `collector-or-check code`. */
  errorKinds: Map<string, number>;
}

interface Fleet {
  brokers: string;
  admin: Admin;
  producer: Producer;
  kafka: Kafka;
}

async function runRound(
  fleet: Fleet,
  backends: readonly { proxy: AwsProxy; moto: Moto }[],
  accounts: readonly string[],
  args: Args,
): Promise<RoundResult> {
  const prefix = `bench-fleet-${randomUUID().slice(0, 8)}.`;
  const proxies = backends.map((b) => b.proxy);
  const motoPids = backends.map((b) => b.moto.pid);
  const spawnedAt = Date.now();
  const workers: ServiceProcess[] = [];
  const consumer = fleet.kafka.consumer({ groupId: `${prefix}observer`, sessionTimeout: 10_000 });
  try {
    const started = await Promise.allSettled(
      proxies.map((proxy) =>
        startServiceProcess({
          entry: 'apps/scanner/src/main.ts',
          startTimeoutMs: 120_000,
          env: {
            KAFKA_BROKERS: fleet.brokers,
            KAFKA_TOPIC_PREFIX: prefix,
            KAFKA_GROUP_PREFIX: prefix,
            KAFKA_PARTITIONS_DEFAULT: '1',
            KAFKA_PARTITIONS_JOBS: '8',
            KAFKA_PARTITIONS_JOB_EVENTS: '2',
            KAFKA_PARTITIONS_FINDINGS_RAW: '2',
            SCANNER_JOB_CONCURRENCY: String(args.jobConcurrency),
            SCANNER_TENANT_JOB_LIMIT: String(args.jobConcurrency),
            SCANNER_DRAIN_MS: '1000',
            SCANNER_AWS_MAX_ATTEMPTS: String(args.maxAttempts),
            AWS_ENDPOINT_URL: proxy.url,
            AWS_REGION: HOME,
            AWS_ACCESS_KEY_ID: 'AKIAPALISADEBENCH',
            AWS_SECRET_ACCESS_KEY: 'scanner-fleet-bench-secret',
          },
        }),
      ),
    );
    for (const s of started) if (s.status === 'fulfilled') workers.push(s.value);
    const refused = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (refused) throw refused.reason;
    const pids = workers.map(pidOf);

    // Publish only once every worker holds its share of the job partitions.
    const group = `${prefix}${SCANNER_GROUP}`;
    let state = '';
    for (const deadline = Date.now() + 60_000; ;) {
      const [g] = (await fleet.admin.describeGroups([group])).groups;
      state = `${g?.state ?? '?'} with ${g?.members.length ?? 0} members`;
      if (g?.state === 'Stable' && g.members.length === workers.length) break;
      if (Date.now() > deadline) throw new Error(`consumer group ${group} is ${state}`);
      await new Promise((done) => setTimeout(done, 200));
    }

    const startupMs = Date.now() - spawnedAt;
    const finishedAt = new Map<string, number>();
    const finished: Extract<ScanJobEvent, { type: 'finished' }>[] = [];
    const failed: ScanJobEvent[] = [];
    const startedBy = new Map<string, string>();
    await consumer.connect();
    await consumer.subscribe({ topic: prefix + Topics.scanJobEvents.name, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const e = JSON.parse(message.value?.toString() ?? 'null') as ScanJobEvent;
        if (e.type === 'started') startedBy.set(e.jobId, e.worker);
        if (e.type === 'failed') failed.push(e);
        if (e.type === 'finished' && !finishedAt.has(e.jobId)) {
          finishedAt.set(e.jobId, Date.now());
          finished.push(e);
        }
        return Promise.resolve();
      },
    });

    for (const p of proxies) p.clearLog();
    const scanId = randomUUID();
    const tenantId = randomUUID();
    const jobs = accounts.map((a) => scanJobFor(a, { scanId, tenantId, regions: [...REGIONS] }));
    const cpuBefore = [...pids, ...motoPids].map(cpuSeconds);
    const t0 = Date.now();
    await fleet.producer.send({
      topic: prefix + Topics.scanJobs.name,
      messages: jobs.map((j) => encodeMessage(Topics.scanJobs, j)),
    });
    await until(
      () => {
        if (failed.length > 0) throw new Error(`job failed: ${JSON.stringify(failed[0])}`);
        const dead = pids.find((pid) => !alive(pid));
        if (dead !== undefined) {
          const w = workers[pids.indexOf(dead)];
          throw new Error(`worker ${dead} died:\n${w?.stderr().slice(-4000) ?? ''}`);
        }
        return finishedAt.size >= jobs.length;
      },
      120_000 + jobs.length * 30_000,
      () => `${jobs.length} finished jobs (got ${finishedAt.size})`,
    );
    const wallMs = Math.max(...finishedAt.values()) - t0;
    const peak = pids.map(peakRssKiB);
    const cpu = [...pids, ...motoPids].map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] ?? 0));

    const operations = new Map<string, number>();
    const failedCalls = new Map<string, number>();
    let awsCalls = 0;
    let non2xx = 0;
    for (const entry of proxies.flatMap((p) => p.log)) {
      if (entry.service === 'sts') continue;
      awsCalls += 1;
      const op = `${entry.service}:${entry.operation}`;
      operations.set(op, (operations.get(op) ?? 0) + 1);
      if (entry.status >= 300) {
        non2xx += 1;
        const key = `${op} [${entry.status}]`;
        failedCalls.set(key, (failedCalls.get(key) ?? 0) + 1);
      }
    }
    const errorKinds = new Map<string, number>();
    for (const e of finished.flatMap((f) => f.errors)) {
      const key = `${e.collector ?? e.checkId ?? 'job'} ${e.code}`;
      errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
    }
    const workerOf = (name: string) => pids.findIndex((pid) => name.endsWith(`:${pid}`));
    const jobsPerWorker = pids.map(() => 0);
    for (const name of startedBy.values()) {
      const i = workerOf(name);
      if (i >= 0) jobsPerWorker[i] = (jobsPerWorker[i] ?? 0) + 1;
    }
    return {
      workers: workers.length,
      wallMs,
      awsCalls,
      non2xx,
      results: finished.reduce((n, e) => n + e.scopeCounts.reduce((m, s) => m + s.count, 0), 0),
      jobErrors: finished.reduce((n, e) => n + e.errors.length, 0),
      jobMs: finished.map((e) => e.timings.durationMs).sort((a, b) => a - b),
      jobsPerWorker,
      peakRssKiB: peak,
      startupMs,
      workerCpuS: cpu.slice(0, pids.length),
      motoCpuS: cpu.slice(pids.length),
      operations,
      failedCalls,
      errorKinds,
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const codes = await Promise.all(workers.map((w) => w.stop('SIGTERM')));
    codes.forEach((code, i) => {
      if (code !== 0) {
        console.error(`worker ${i + 1} ended with ${String(code)} (0 expected after SIGTERM)`);
        process.exitCode = 1;
      }
    });
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const mib = (kib: number) => `${fmt(kib / 1024)} MiB`;

function report(label: string, r: RoundResult, accounts: number): void {
  const pad = ' '.repeat(label.length + 2);
  const s = (ms: number) => `${fmt(ms / 1000, 1)} s`;
  console.log(
    `${label}: wall ${s(r.wallMs)}, ${fmt(jobsPerMin(accounts, r), 1)} jobs/min; ` +
      `job duration median ${s(r.jobMs[Math.floor(r.jobMs.length / 2)] ?? 0)}, ` +
      `max ${s(r.jobMs.at(-1) ?? 0)}; jobs per worker ${r.jobsPerWorker.join(' / ')}; ` +
      `workers up in ${s(r.startupMs)}`,
  );
  console.log(
    `${pad}AWS calls ${r.awsCalls} (${r.non2xx} non-2xx) = ` +
      `${fmt(r.awsCalls / (accounts * REGIONS.length), 1)} per account x region ` +
      `(${fmt((r.awsCalls - r.non2xx) / (accounts * REGIONS.length), 1)} answered 2xx); ` +
      `${r.results} results, ${r.jobErrors} job errors`,
  );
  console.log(
    `${pad}peak RSS per worker ${r.peakRssKiB.map(mib).join(' / ')}; CPU while scanning: ` +
      `worker ${r.workerCpuS.map((c) => `${fmt(c, 1)} s`).join(' / ')}, ` +
      `moto ${r.motoCpuS.map((c) => `${fmt(c, 1)} s`).join(' / ')}`,
  );
}

const jobsPerMin = (accounts: number, r: RoundResult) => (accounts / r.wallMs) * 60_000;

/** `op n, op n, ...`: the five largest counts. */
function top5(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
}

async function main(): Promise<void> {
  const args = parse();
  const accounts = Array.from({ length: args.accounts }, (_, i) => String(FIRST_ACCOUNT + i));
  const brokers = kafkaBrokers();
  const motos: Moto[] = [];
  const proxies: AwsProxy[] = [];
  const kafka = new Kafka({ clientId: 'scanner-fleet-bench', brokers: [brokers], logLevel: 0 });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  try {
    const t0 = Date.now();
    const starting = await Promise.allSettled(MOTO_NAMES.map((name) => startMoto(name)));
    for (const s of starting) if (s.status === 'fulfilled') motos.push(s.value);
    const refused = starting.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (refused) throw refused.reason;
    console.log(
      `scanner-fleet bench: ${args.accounts} accounts x ${REGIONS.length} regions ` +
        `(${REGIONS.join(', ')}), full CIS framework; per worker ${args.jobConcurrency} jobs, ` +
        `8 job partitions, ${args.maxAttempts} AWS attempt(s) per call; one moto each`,
    );
    await Promise.all(
      motos.flatMap((m) => [
        warmUpMoto(m.url, WARM_UP_ACCOUNT, REGIONS),
        pool(accounts, args.seedConcurrency, (a) => seedLightAccount(m.url, a, REGIONS)),
      ]),
    );
    console.log(
      `seeding: ${fmt((Date.now() - t0) / 1000, 1)} s (2 motos started and warmed up by a scan; ` +
        `per account 2 buckets, 2 users with keys, a trail; per region an open SG and a KMS key)`,
    );
    for (const m of motos) proxies.push(await startAwsProxy({ upstream: m.url }));
    await admin.connect();
    await producer.connect();
    const fleet: Fleet = { brokers, admin, producer, kafka };

    const backends = proxies.map((proxy, i) => ({ proxy, moto: motos[i] as Moto }));
    const one = await runRound(fleet, backends.slice(0, 1), accounts, args);
    report('1 worker ', one, args.accounts);
    const two = await runRound(fleet, backends, accounts, args);
    report('2 workers', two, args.accounts);

    console.log('---- figures ----');
    console.log(
      `jobs/min: 1 worker ${fmt(jobsPerMin(args.accounts, one), 1)}, 2 workers ` +
        `${fmt(jobsPerMin(args.accounts, two), 1)}; 2-vs-1 throughput ratio ` +
        `${fmt(one.wallMs / two.wallMs, 2)} (on ${cpus().length} shared CPU cores)`,
    );
    console.log(`top operations (round 1, ${one.awsCalls} calls): ${top5(one.operations)}`);
    console.log(`top non-2xx (round 1, moto does not emulate): ${top5(one.failedCalls)}`);
    console.log(`top job errors: round 1 ${top5(one.errorKinds)}; round 2 ${top5(two.errorKinds)}`);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await Promise.all(proxies.map((p) => p.close()));
    for (const m of motos) {
      try {
        m.stop();
      } catch (err) {
        console.error(err);
      }
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
