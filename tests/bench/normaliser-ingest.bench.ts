// Benchmark of the normaliser's ingest (a script, never a test: it prints figures and never
// passes or fails on time). Seeds one tenant with an organization source of N accounts and a
// scan with one job per account into a fresh migrated database, then, in the same run on the
// same database:
//
// 1. baseline: a plain `COPY … FROM STDIN` of the very rows a first scan of the synthetic
//    results leaves in `findings` — same columns, the OCSF document made by the normaliser's own
//    mapper — into `findings_copy` (LIKE findings INCLUDING ALL: its indexes, constraints and
//    defaults; not its RLS or foreign key). Generating the row text is part of the time.
// 2. end to end: the normaliser app as its own process (the real broker, the real Postgres as
//    the service role, so RLS applies), fed the same results as `findings.raw` batches of
//    `--batch` results (each validated by `encodeMessage`), keyed by account, produced with
//    acks=all and no compression on fresh topics and consumer groups (a prefix per run).
//    Timed from the first message acknowledged — and from the start of producing — to every
//    result stored.
//
//   node -r @swc-node/register tests/bench/normaliser-ingest.bench.ts           # 1,000,000 results, 200 accounts
//   node -r @swc-node/register tests/bench/normaliser-ingest.bench.ts --smoke   # 4,000 results, 4 accounts, for CI
//   ... --results 200000 --accounts 50 --batch 1000
//
// NORMALISER_* and DATABASE_POOL_SIZE set in this script's environment are passed on to the
// normaliser (its ingest batch size, wait and concurrency), and BENCH_NORMALISER_NODE_OPTIONS as
// its NODE_OPTIONS, so one run can try other settings.
//
// Progress is the sum of `scan_job_batches.items`, which the normaliser writes in the same
// transaction as the findings of those batches, rather than `count(*)` of `findings`: counting
// a table of a million rows with their OCSF documents every 500 ms would load the Postgres it
// measures (the final count is checked once, and its duration printed). Kafka and Postgres come
// from scripts/deps (up.sh is run, idempotent). Exits non-zero only when something breaks: the
// normaliser does not start or consume, dies, dead-letters, stalls for two minutes, stores
// other than one finding per result, or does not exit cleanly on SIGTERM.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { encodeMessage, Topics } from '@palisade/contracts';
import {
  APP_ROLE,
  createTestDatabase,
  createDataSource,
  type TestDatabase,
} from '@palisade/persistence';
import { type ServiceProcess, startServiceProcess } from '@palisade/testing';
import { type Admin, CompressionTypes, Kafka, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { deps, depsVariables } from './support/motos';
import {
  type BenchScan,
  COPY_COLUMNS,
  copyText,
  rawBatches,
  seedScan,
} from './support/synthetic-findings';

const ROOT = resolve(__dirname, '../..');
const NORMALISER_GROUP = 'palisade-normaliser';
const IN_FLIGHT = 8;
const POLL_MS = 500;
const STALL_MS = 120_000;

interface Args {
  results: number;
  accounts: number;
  batch: number;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      results: { type: 'string' },
      accounts: { type: 'string' },
      batch: { type: 'string', default: '2000' },
    },
  });
  const args = {
    results: Number(values.results ?? (values.smoke ? 4_000 : 1_000_000)),
    accounts: Number(values.accounts ?? (values.smoke ? 4 : 200)),
    batch: Number(values.batch),
  };
  if (!(args.accounts >= 1 && args.results >= args.accounts)) {
    throw new Error('--results must be at least --accounts (one result per job or more)');
  }
  if (!(args.batch >= 1 && args.batch <= 2000)) throw new Error('--batch is 1 to 2000 results');
  return args;
}

interface Deps {
  brokers: string;
  pg: { host: string; port: number; superuser: string };
  kafkaPid: number;
}

/** Kafka and Postgres running (up.sh reuses them), their addresses and the broker's pid. */
function startDeps(): Deps {
  const need = depsVariables(['kafka', 'postgres']);
  const pidIn = (status: string) => Number(/\bpid (\d+)/.exec(status)?.[1] ?? NaN);
  return {
    brokers: need('PALISADE_KAFKA_BROKERS'),
    pg: {
      host: need('PALISADE_PG_HOST'),
      port: Number(need('PALISADE_PG_PORT')),
      superuser: need('PALISADE_PG_SUPERUSER'),
    },
    kafkaPid: pidIn(deps('kafka.sh', ['status'])),
  };
}

/** `/proc/<pid>/stat` fields after the command name: [0] state, [1] ppid, [11] utime, …. */
function statOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) of a process. */
function cpuSeconds(pid: number): number {
  const f = statOf(pid);
  return f ? (Number(f[11]) + Number(f[12])) / 100 : NaN; // CLK_TCK is 100
}

const benchCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Who to sample: the server shares its CPU with other databases, so only this one's backends. */
interface CpuProbe {
  readonly deps: Deps;
  readonly superuser: Client;
  readonly normaliserPid?: number;
}

interface CpuSample {
  bench: number;
  kafka: number;
  normaliser: number;
  /** CPU seconds by backend pid. */
  backends: Map<number, number>;
}

async function cpuSample(probe: CpuProbe): Promise<CpuSample> {
  const { rows } = await probe.superuser.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return {
    bench: benchCpuSeconds(),
    kafka: cpuSeconds(probe.deps.kafkaPid),
    normaliser: probe.normaliserPid === undefined ? 0 : cpuSeconds(probe.normaliserPid),
    backends: new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)] as const)),
  };
}

/**
 * CPU spent between two samples. A backend seen only in the second counts whole (it started
 * in between); one that ended in between is missed (pools keep theirs for the run).
 */
function cpuSpent(before: CpuSample, after: CpuSample): string {
  let postgres = 0;
  for (const [pid, cpu] of after.backends) {
    if (!Number.isNaN(cpu)) postgres += cpu - (before.backends.get(pid) ?? 0);
  }
  const s = (k: 'bench' | 'kafka' | 'normaliser') => `${k} ${fmt(after[k] - before[k], 1)} s`;
  return [s('normaliser'), `postgres backends ${fmt(postgres, 1)} s`, s('kafka'), s('bench')].join(
    ', ',
  );
}

/** Resident set now (VmRSS) or at its peak (VmHWM), in KiB. */
function rssKiB(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${which}:\\s+(\\d+)\\s+kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  if (!m) throw new Error(`no ${which} in /proc/${pid}/status`);
  return Number(m[1]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number) => `${fmt(bytes / 1_048_576)} MiB`;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function scalar(client: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await client.query<{ n: string | number }>(sql, params);
  return Number(rows[0]?.n ?? NaN);
}

interface CopyResult {
  ms: number;
  rows: number;
  cpu: string;
}

/** The baseline: every row's text generated here and streamed through one COPY. */
async function copyBaseline(
  owner: Client,
  scan: BenchScan,
  productVersion: string,
  probe: CpuProbe,
): Promise<CopyResult> {
  await owner.query('CREATE TABLE public.findings_copy (LIKE public.findings INCLUDING ALL)');
  const sql = `COPY public.findings_copy (${COPY_COLUMNS.join(', ')}) FROM STDIN`;
  const before = await cpuSample(probe);
  const t0 = performance.now();
  const stream = owner.query(copyFrom(sql));
  await pipeline(Readable.from(copyText(scan, productVersion)), stream);
  const ms = performance.now() - t0;
  return { ms, rows: stream.rowCount, cpu: cpuSpent(before, await cpuSample(probe)) };
}

/** Waits for the normaliser's findings.raw group to hold every partition. */
async function consuming(admin: Admin, group: string, normaliser: ServiceProcess): Promise<void> {
  let state = '';
  for (const deadline = Date.now() + 60_000; ;) {
    const [g] = (await admin.describeGroups([group])).groups;
    state = `${g?.state ?? '?'} with ${g?.members.length ?? 0} members`;
    if (g?.state === 'Stable' && g.members.length > 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the normaliser does not consume findings.raw: its group ${group} is ${state} after 60 s` +
          `\n${normaliser.stderr().slice(-2000)}`,
      );
    }
    await sleep(200);
  }
}

interface ProduceResult {
  messages: number;
  bytes: number;
  maxBytes: number;
  /** From the start of producing to the first send acknowledged by the broker. */
  firstMs: number;
  ms: number;
}

/**
 * Every batch encoded (validated) and sent as a request of its own, acks=all, up to `IN_FLIGHT`
 * at once: the broker's 1 MiB message.max.bytes caps a partition's record batch, and two
 * batches of 2,000 results for one partition in one request would exceed it.
 */
async function produce(
  producer: Producer,
  topic: string,
  scan: BenchScan,
  batch: number,
  t0: number,
): Promise<ProduceResult> {
  let messages = 0;
  let bytes = 0;
  let maxBytes = 0;
  let firstMs = NaN;
  const inFlight = new Set<Promise<void>>();
  for (const raw of rawBatches(scan, batch)) {
    const encoded = encodeMessage(Topics.findingsRaw, raw);
    const size = Buffer.byteLength(encoded.value);
    bytes += size;
    maxBytes = Math.max(maxBytes, size);
    messages += 1;
    const sent: Promise<void> = producer
      .send({ topic, messages: [encoded], acks: -1, compression: CompressionTypes.None })
      .then(() => {
        if (Number.isNaN(firstMs)) firstMs = performance.now() - t0;
        inFlight.delete(sent);
      });
    inFlight.add(sent);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { messages, bytes, maxBytes, firstMs, ms: performance.now() - t0 };
}

/**
 * Adds what each of the normaliser's connections (the service role's) is doing now to `into`:
 * the statement it runs, or its state (`idle in transaction`: the normaliser computing inside
 * a transaction). Sampled with every progress poll: where Postgres time goes, without
 * pg_stat_statements.
 */
async function sampleActivity(superuser: Client, into: Map<string, number>): Promise<void> {
  const { rows } = await superuser.query<{ state: string | null; query: string }>(
    `SELECT state, query FROM pg_stat_activity
      WHERE datname = current_database() AND usename = $1 AND state <> 'idle'`,
    [APP_ROLE],
  );
  for (const r of rows) {
    const key =
      r.state === 'active' ? r.query.replace(/\s+/g, ' ').trim().slice(0, 60) : String(r.state);
    into.set(key, (into.get(key) ?? 0) + 1);
  }
}

interface IngestResult {
  produced: ProduceResult;
  /** From the start of producing to every result stored. */
  doneMs: number;
  cpu: string;
  /** When its group became stable, before any message. */
  readyRssKiB: number;
  peakRssKiB: number;
  countMs: number;
  /** Busy connection samples by statement or state. */
  activity: Map<string, number>;
  transactions: { count: number; messages: number };
}

/** Messages in the findings.raw dead-letter topic. */
async function deadLettered(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

async function endToEnd(
  ctx: { admin: Admin; producer: Producer; owner: Client; superuser: Client; deps: Deps },
  normaliser: ServiceProcess,
  scan: BenchScan,
  args: Args,
  prefix: string,
): Promise<IngestResult> {
  const pid = normaliser.lines.find((l) => typeof l['pid'] === 'number')?.['pid'];
  if (typeof pid !== 'number') throw new Error('the normaliser logged no pid');
  await consuming(ctx.admin, `${prefix}${NORMALISER_GROUP}`, normaliser);
  const readyRssKiB = rssKiB(pid, 'VmRSS');
  const dlq = `${prefix}${Topics.findingsRaw.dlq}`;

  const stored = () =>
    scalar(
      ctx.owner,
      'SELECT coalesce(sum(items), 0) AS n FROM public.scan_job_batches WHERE tenant_id = $1',
      [scan.tenantId],
    );
  const probe = { deps: ctx.deps, superuser: ctx.superuser, normaliserPid: pid };
  const before = await cpuSample(probe);
  const t0 = performance.now();
  const producing = produce(
    ctx.producer,
    `${prefix}${Topics.findingsRaw.name}`,
    scan,
    args.batch,
    t0,
  );
  let produced: ProduceResult | undefined;
  let failure: Error | undefined;
  producing.then(
    (p) => (produced = p),
    (err: unknown) => (failure = err instanceof Error ? err : new Error(String(err))),
  );

  const activity = new Map<string, number>();
  let last = 0;
  let lastChange = performance.now();
  let lastReport = t0;
  for (;;) {
    await sleep(POLL_MS);
    if (failure) throw failure;
    if (!alive(pid)) throw new Error(`the normaliser died:\n${normaliser.stderr().slice(-4000)}`);
    const [n] = await Promise.all([stored(), sampleActivity(ctx.superuser, activity)]);
    const now = performance.now();
    if (n >= args.results) break;
    if (n !== last) [last, lastChange] = [n, now];
    if (now - lastReport >= 10_000) {
      lastReport = now;
      console.log(
        `  ${fmt((now - t0) / 1000, 1)} s: ${fmt(n)} results stored; ` +
          `producing ${produced ? 'done' : 'still running'}`,
      );
    }
    if (now - lastChange > STALL_MS) {
      const dead = await deadLettered(ctx.admin, dlq);
      throw new Error(
        `ingest stalled at ${n} of ${args.results} results for ${STALL_MS / 1000} s ` +
          `(${dead} messages dead-lettered)\n${normaliser.stderr().slice(-4000)}`,
      );
    }
  }
  const doneMs = performance.now() - t0;
  const cpu = cpuSpent(before, await cpuSample(probe));
  const producedResult = produced ?? (await producing);

  const c0 = performance.now();
  const findings = await scalar(ctx.owner, 'SELECT count(*) AS n FROM public.findings');
  const countMs = performance.now() - c0;
  if (findings !== args.results) {
    throw new Error(`${findings} findings stored for ${args.results} distinct results`);
  }
  const dead = await deadLettered(ctx.admin, dlq);
  if (dead > 0) throw new Error(`${dead} findings.raw messages dead-lettered`);

  const stores = normaliser.lines.filter((l) => l['msg'] === 'findings stored');
  return {
    produced: producedResult,
    doneMs,
    cpu,
    readyRssKiB,
    peakRssKiB: rssKiB(pid, 'VmHWM'),
    countMs,
    activity,
    transactions: {
      count: stores.length,
      messages: stores.reduce((n, l) => n + Number(l['batches'] ?? 0), 0),
    },
  };
}

/** Everything after the run: the phases, the database, then the figures. */
async function report(
  args: Args,
  copy: CopyResult,
  e2e: IngestResult,
  owner: Client,
): Promise<void> {
  const p = e2e.produced;
  const fromFirst = e2e.doneMs - p.firstMs;
  const e2eRate = (args.results / fromFirst) * 1000;
  const totalRate = (args.results / e2e.doneMs) * 1000;
  const copyRate = (copy.rows / copy.ms) * 1000;
  console.log(
    `producing: ${fmt(p.messages)} messages (${mib(p.bytes)}, largest ${fmt(p.maxBytes / 1024)} KiB) ` +
      `in ${fmt(p.ms / 1000, 1)} s = ${fmt((args.results / p.ms) * 1000)} results/s; ` +
      `first acknowledged after ${fmt(p.firstMs)} ms`,
  );
  console.log(
    `end to end: all stored ${fmt(e2e.doneMs / 1000, 1)} s after producing began; ` +
      `CPU ${e2e.cpu}; normaliser peak RSS ${mib(e2e.peakRssKiB * 1024)} ` +
      `(${mib(e2e.readyRssKiB * 1024)} when it began consuming); ` +
      (e2e.transactions.count === 0
        ? 'its ingest transactions were not logged'
        : `${fmt(e2e.transactions.count)} ingest transactions ` +
          `(${fmt(e2e.transactions.messages / e2e.transactions.count, 1)} messages each)`),
  );
  const sizes = await owner.query<Record<string, string>>(
    `SELECT pg_database_size(current_database()) AS database,
            pg_total_relation_size('public.findings') AS findings,
            pg_total_relation_size('public.findings_copy') AS findings_copy,
            pg_total_relation_size('public.finding_history') AS history,
            pg_total_relation_size('public.outbox') AS outbox,
            (SELECT count(*) FROM public.finding_history) AS history_rows,
            (SELECT count(*) FROM public.outbox) AS outbox_rows,
            (SELECT count(*) FROM public.scan_job_scopes) AS scope_rows`,
  );
  const s = Object.fromEntries(Object.entries(sizes.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  console.log(
    `database: ${mib(s['database'] ?? NaN)} after ingest and baseline; findings ` +
      `${mib(s['findings'] ?? NaN)} (findings_copy ${mib(s['findings_copy'] ?? NaN)}), ` +
      `finding_history ${mib(s['history'] ?? NaN)} (${fmt(s['history_rows'] ?? NaN)} rows), ` +
      `outbox ${mib(s['outbox'] ?? NaN)} (${fmt(s['outbox_rows'] ?? NaN)} rows), ` +
      `${fmt(s['scope_rows'] ?? NaN)} scan_job_scopes rows; one count(*) of findings took ` +
      `${fmt(e2e.countMs)} ms`,
  );

  const busy = [...e2e.activity.values()].reduce((a, b) => a + b, 0);
  console.log(
    `normaliser connections, sampled every ${POLL_MS} ms (${fmt(busy)} busy samples): ` +
      [...e2e.activity]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, n]) => `${fmt((100 * n) / busy)}% ${what}`)
        .join(' | '),
  );
  console.log('---- figures ----');
  console.log(
    `end to end:    ${fmt(e2eRate)} findings/s (${fmt(args.results)} in ` +
      `${fmt(fromFirst / 1000, 1)} s from the first message available); ` +
      `${fmt(totalRate)} findings/s including producing (${fmt(e2e.doneMs / 1000, 1)} s)`,
  );
  console.log(
    `COPY baseline: ${fmt(copyRate)} rows/s (${fmt(copy.rows)} in ${fmt(copy.ms / 1000, 1)} s)`,
  );
  console.log(
    `ratio to COPY: ${fmt(e2eRate / copyRate, 2)} from the first message, ` +
      `${fmt(totalRate / copyRate, 2)} including producing (aim >= 0.33); ` +
      `on ${cpus().length} shared CPU cores`,
  );
}

/**
 * NORMALISER_* and DATABASE_POOL_SIZE of this environment, for the normaliser process, and
 * BENCH_NORMALISER_NODE_OPTIONS as its NODE_OPTIONS (e.g. V8 heap flags, or `--require` of a
 * profiler).
 */
function tuning(): Record<string, string> {
  const env = Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined);
  const nodeOptions = process.env['BENCH_NORMALISER_NODE_OPTIONS'];
  return {
    ...Object.fromEntries(
      env.filter(([k]) => k.startsWith('NORMALISER_') || k === 'DATABASE_POOL_SIZE'),
    ),
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
  };
}

async function main(): Promise<void> {
  const args = parse();
  const d = startDeps();
  const prefix = `bench-norm-${randomUUID().slice(0, 8)}.`;
  const productVersion = (
    JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const kafka = new Kafka({
    clientId: 'normaliser-ingest-bench',
    brokers: [d.brokers],
    logLevel: 0,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  let db: TestDatabase | undefined;
  let normaliser: ServiceProcess | undefined;
  const clients: Client[] = [];
  let kafkaConnected = false;
  try {
    db = await createTestDatabase(d.pg);
    const service = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 2,
    }).initialize();
    const t0 = performance.now();
    const scan = await seedScan(service, args.accounts, args.results).finally(() =>
      service.destroy(),
    );
    const seedMs = performance.now() - t0;
    const owner = new Client({ connectionString: db.ownerUrl });
    const superuser = new Client({ connectionString: db.superUrl });
    clients.push(owner, superuser);
    await Promise.all(clients.map((c) => c.connect()));
    const settings = tuning();
    console.log(
      `normaliser-ingest bench: ${fmt(args.results)} check results for ${args.accounts} accounts ` +
        `(${fmt(args.results / args.accounts)} each, ~70% PASS / 25% FAIL / 3% MANUAL / 2% ERROR), ` +
        `batches of ${args.batch}; normaliser settings ${JSON.stringify(settings)}`,
    );
    console.log(
      `machine: ${cpus().length} shared CPU cores, load ${loadavg()
        .map((l) => fmt(l, 2))
        .join(' / ')}; seeding ${fmt(seedMs)} ms (tenant, source, accounts, scan, jobs)`,
    );

    await superuser.query('CHECKPOINT');
    const copy = await copyBaseline(owner, scan, productVersion, { deps: d, superuser });
    if (copy.rows !== args.results) {
      throw new Error(`COPY wrote ${copy.rows} rows for ${args.results} results`);
    }
    console.log(
      `COPY baseline: ${fmt(copy.rows)} rows in ${fmt(copy.ms / 1000, 1)} s = ` +
        `${fmt((copy.rows / copy.ms) * 1000)} rows/s; CPU ${copy.cpu}`,
    );
    await superuser.query('CHECKPOINT');

    await Promise.all([admin.connect(), producer.connect()]);
    kafkaConnected = true;
    normaliser = await startServiceProcess({
      entry: 'apps/normaliser/src/main.ts',
      startTimeoutMs: 120_000,
      env: {
        KAFKA_BROKERS: d.brokers,
        KAFKA_CLIENT_ID: 'palisade-normaliser-bench',
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_PREFIX: prefix,
        DATABASE_URL: db.serviceUrl,
        // Debug, for the consumer's one `findings stored` line per transaction.
        LOG_LEVEL: 'debug',
        ...settings,
      },
    });
    const e2e = await endToEnd(
      { admin, producer, owner, superuser, deps: d },
      normaliser,
      scan,
      args,
      prefix,
    );
    const code = await normaliser.stop('SIGTERM');
    normaliser = undefined;
    if (code !== 0) {
      console.error(`the normaliser ended with ${String(code)} (0 expected after SIGTERM)`);
      process.exitCode = 1;
    }

    await report(args, copy, e2e, owner);
  } finally {
    if (normaliser) await normaliser.stop('SIGKILL');
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await producer.disconnect().catch(() => undefined);
    if (kafkaConnected) await deleteBenchTopics(admin, prefix);
    await admin.disconnect().catch(() => undefined);
    await db?.drop();
  }
}

/** The run's topics (with their .dlq) and consumer groups. */
async function deleteBenchTopics(admin: Admin, prefix: string): Promise<void> {
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
  } catch (err) {
    console.error(`could not delete every bench topic and group: ${String(err)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
