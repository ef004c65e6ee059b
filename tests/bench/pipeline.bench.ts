// Benchmark of the whole pipeline (a script, never a test: it prints figures and never passes or
// fails on time): an organization scan of N emulated accounts x 2 regions (eu-west-1, us-east-1,
// every check of every framework) through the fleet as deployed — the built api, discovery,
// normaliser and scanners as separate processes (startFleet) on the shared Kafka broker and a
// fresh migrated database per round — against motos of its own, one per scanner, each on its own
// loopback address (`moto-pipeline-1` on 127.0.0.2, `moto-pipeline-2` on 127.0.0.3: MOTO_HOST of
// scripts/deps/moto.sh), which the scanners call directly (no proxy in this process's way).
//
// Per size N the motos are reset, then seeded: the organization (N accounts: the management
// account and N-1 members in 6 OUs) in moto 1, where discovery and the api talk; in moto 2 an
// organization under the same management account id (no members); then the same light resources
// (support/light-accounts.ts: 2 buckets, 2 users with keys, a trail; per region an open SG and a
// KMS key) for every one of the N account ids in both motos, so a job scans the same resources
// whichever scanner takes it. Each moto is warmed up once first (moto imports a service's backend
// on its first call; a reset keeps them); not in --smoke, whose figures only show that it runs.
// A round starts a fresh fleet (so each process's peak RSS is the round's own), creates a tenant
// and an organization source through the REST API, POSTs one scan of the whole organization and
// polls it to its final status.
//
//   node -r @swc-node/register tests/bench/pipeline.bench.ts            # 10, 50, 200 (npm run bench:pipeline)
//   node -r @swc-node/register tests/bench/pipeline.bench.ts --smoke    # 3 accounts, for CI
//   ... --sizes 10,50 [--ratio-at 50] [--seed-concurrency 8]
//
// Rounds: every size with 2 scanners (one per moto); the sizes of --ratio-at (default 50; none
// in --smoke) also with 1 scanner on moto 1, for the 2-vs-1 ratio.
//
// Figures per round: end-to-end time (POST /v1/scans to the final status), accounts/min, time
// per account, its phases from the database (discovery's walk and fan-out, scanning from the
// first job started to the last finished, closure), findings/s through the normaliser (results
// stored, from its first stored batch to its last: scan_job_batches), each process's peak RSS
// (VmHWM) and CPU time (and its CPU while idle, measured for --idle-seconds before the scan:
// the fleet's fixed cost), each moto's requests (its access log) and its share of the wall time
// (its CPU time over the round / the wall time: moto is one Python process, so near 100% it is
// the bottleneck), and the machine's busy CPU (/proc/stat) with what the fleet, the motos and
// Kafka account for (the rest is Postgres and whatever else runs on the machine). Then the
// 2-vs-1 scanner ratio, the time per account at the smallest size vs the largest, and per round
// the CPU seconds per account of each process, as measured and net of its idle rate x the wall
// time (what the accounts themselves cost).
//
// SCANNER_AWS_MAX_ATTEMPTS is 1 (moto answers what it does not emulate with errors the SDK
// would retry with backoff) and API_RATE_LIMIT_PER_MINUTE 100000; SCANNER_* and NORMALISER_*
// set in this script's environment are passed on to the fleet (e.g. SCANNER_TENANT_JOB_LIMIT,
// deployed default 2: one tenant's jobs running at once per scanner). Kafka and Postgres come
// from scripts/deps (up.sh is run, idempotent). Everything started here stops at the end (the
// fleet's logs stay in test-output/fleet/bench-pipeline-*). Exits non-zero only when something
// breaks: a service does not start, dies or does not exit cleanly on SIGTERM, the scan fails,
// is cancelled or does not end in time, a job fails, or a message is dead-lettered.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ALL_CHECKS, FRAMEWORKS } from '@palisade/checks';
import { createTestDatabase } from '@palisade/persistence';
import {
  type Fleet,
  type FleetService,
  generatedOrganizationSpec,
  PalisadeClient,
  type ScanCounts,
  seedOrganization,
  startFleet,
} from '@palisade/testing';
import { Client, type QueryResultRow } from 'pg';
import { pool, seedLightAccount, warmUpMoto } from './support/light-accounts';
import { cpuSeconds, depsPid, depsVariables, type Moto, startMoto } from './support/motos';

const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const MOTOS = [
  { name: 'moto-pipeline-1', host: '127.0.0.2' },
  { name: 'moto-pipeline-2', host: '127.0.0.3' },
] as const;
/**
 * Without its ~1,000 default AMIs moto sets up each account's EC2 in a region several times
 * faster (as scripts/demo/demo.sh runs it); no collector lists images.
 */
const MOTO_ENV = { MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' };
const MEMBER_ROLE = 'OrganizationAccountAccessRole';
/** Scanned once per moto before the rounds, never in them. */
const WARM_UP_ACCOUNT = '199999999999';

interface Args {
  sizes: number[];
  /** Sizes also run with one scanner. */
  ratioAt: number[];
  seedConcurrency: number;
  warmUp: boolean;
  /** Seconds the fleet's idle CPU is measured before each scan. */
  idleSeconds: number;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      'ratio-at': { type: 'string' },
      'seed-concurrency': { type: 'string', default: '8' },
      'idle-seconds': { type: 'string' },
    },
  });
  const list = (s: string) =>
    s
      .split(',')
      .filter((x) => x.trim() !== '')
      .map((x) => Number(x.trim()));
  const sizes = list(values.sizes ?? (values.smoke ? '3' : '10,50,200'));
  // The smoke run (CI) starts one fleet: a second, for the ratio, would double its time.
  const ratioAt = list(values['ratio-at'] ?? (values.smoke ? '' : '50'));
  const args = {
    sizes,
    ratioAt,
    seedConcurrency: Number(values['seed-concurrency']),
    warmUp: !values.smoke,
    idleSeconds: Number(values['idle-seconds'] ?? (values.smoke ? 2 : 10)),
  };
  if (!sizes.every((n) => Number.isInteger(n) && n >= 2)) {
    throw new Error('--sizes: whole numbers of accounts, at least 2 (management + 1 member)');
  }
  if (!ratioAt.every((n) => sizes.includes(n))) throw new Error('--ratio-at: one of --sizes');
  if (!(args.seedConcurrency >= 1)) throw new Error('--seed-concurrency is positive');
  if (!(args.idleSeconds >= 1)) throw new Error('--idle-seconds is positive');
  return args;
}

/** SCANNER_* and NORMALISER_* of this environment win over the bench's settings. */
function fleetEnv(): Record<string, string> {
  const env = Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined);
  return {
    API_RATE_LIMIT_PER_MINUTE: '100000',
    SCANNER_AWS_MAX_ATTEMPTS: '1',
    ...Object.fromEntries(
      env.filter(([k]) => k.startsWith('SCANNER_') || k.startsWith('NORMALISER_')),
    ),
  };
}

interface Context {
  brokers: string;
  pg: { host: string; port: number; superuser: string };
  kafkaPid: number;
  motos: Moto[];
}

interface Organization {
  managementAccountId: string;
  accountIds: string[];
}

/** Resets both motos and seeds an organization of `n` accounts (see the header). */
async function seedSize(ctx: Context, n: number, concurrency: number): Promise<Organization> {
  const [moto1, moto2] = ctx.motos as [Moto, Moto];
  await Promise.all(ctx.motos.map((m) => m.reset()));
  const spec = generatedOrganizationSpec({ accounts: n - 1, fanOut: [2, 2], suspendEvery: 0 });
  const org = await seedOrganization(moto1.url, spec, { concurrency });
  try {
    const twin = await seedOrganization(moto2.url, {
      managementAccountId: org.managementAccountId,
    });
    twin.close();
    const accountIds = org.accountIdsIn('ACTIVE');
    await Promise.all(
      ctx.motos.map((m) =>
        pool(accountIds, concurrency, (a) => seedLightAccount(m.url, a, REGIONS)),
      ),
    );
    return { managementAccountId: org.managementAccountId, accountIds };
  } finally {
    org.close();
  }
}

/** Busy CPU ticks of the whole machine since boot (/proc/stat). */
function machineTicks(): { busy: number } {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const t = first.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = t.reduce((a, b) => a + b, 0);
  return { busy: total - (t[3] ?? 0) - (t[4] ?? 0) }; // minus idle, iowait
}

/** Requests in a moto access log after byte `from`, and how many answered other than 2xx. */
function motoRequests(logFile: string, from: number): { calls: number; non2xx: number } {
  const size = statSync(logFile).size;
  const buffer = Buffer.alloc(Math.max(0, size - from));
  const fd = openSync(logFile, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  let calls = 0;
  let non2xx = 0;
  for (const line of buffer.toString('utf8').split('\n')) {
    // werkzeug colours the request of an error answer: "\e[31m\e[1mPOST / HTTP/1.1\e[0m" 400 -
    // eslint-disable-next-line no-control-regex -- ANSI escapes in moto's access log
    const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
    const m = /"[A-Z]+ (\S+) HTTP\/[\d.]+" (\d{3}) /.exec(plain);
    if (!m || m[1]?.startsWith('/moto-api')) continue;
    calls += 1;
    if (!m[2]?.startsWith('2')) non2xx += 1;
  }
  return { calls, non2xx };
}

interface Watched {
  label: string;
  pid: number;
}

interface RoundResult {
  accounts: number;
  scanners: number;
  status: string;
  counts: ScanCounts;
  startupMs: number;
  wallMs: number;
  /** From the database: POST → jobs fanned out, first job started → last finished, → closed. */
  phases: { fanOutMs: number; scanningMs: number; closureMs: number };
  jobMedianMs: number;
  jobMaxMs: number;
  jobsByStatus: string;
  failedJobs: string[];
  findings: number;
  results: number;
  batches: number;
  batchWindowMs: number;
  deadLetters: number;
  peakRss: { label: string; bytes: number }[];
  cpu: { label: string; seconds: number }[];
  /** CPU s per wall s of each process while the fleet waited, before the scan. */
  idleCpu: { label: string; share: number }[];
  motoRequests: { calls: number; non2xx: number }[];
  machineBusyS: number;
  load: [number, number];
}

const labelOf = (service: FleetService, index: number) =>
  service === 'scanner' ? `scanner ${index + 1}` : service;

async function scanFigures(databaseUrl: string, scanId: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = async <T extends QueryResultRow>(sql: string) =>
      (await client.query<T>(sql, [scanId])).rows;
    const epoch = (col: string) => `(extract(epoch from ${col}) * 1000)::float8`;
    const [times] = await q<{
      requested: number;
      fanned: number;
      first_started: number;
      last_finished: number;
      closed: number;
      median_ms: number;
      max_ms: number;
    }>(`SELECT ${epoch('s.requested_at')} AS requested, ${epoch('min(j.created_at)')} AS fanned,
          ${epoch('min(j.started_at)')} AS first_started,
          ${epoch('max(j.finished_at)')} AS last_finished, ${epoch('s.finished_at')} AS closed,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY ${epoch('j.finished_at - j.started_at')})
            FILTER (WHERE j.scope = 'account') AS median_ms,
          max(${epoch('j.finished_at - j.started_at')}) FILTER (WHERE j.scope = 'account') AS max_ms
        FROM public.scans s JOIN public.scan_jobs j ON j.scan_id = s.id
        WHERE s.id = $1 GROUP BY s.id`);
    const statuses = await q<{ scope: string; status: string; n: number }>(
      `SELECT scope, status, count(*)::int AS n FROM public.scan_jobs WHERE scan_id = $1
        GROUP BY scope, status ORDER BY scope, status`,
    );
    const failed = await q<{ account_id: string; error_code: string; error_message: string }>(
      `SELECT account_id, error_code, error_message FROM public.scan_jobs
        WHERE scan_id = $1 AND status = 'failed' ORDER BY account_id LIMIT 5`,
    );
    const [batches] = await q<{ n: number; items: number; first: number; last: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(b.items), 0)::int AS items,
          ${epoch('min(b.stored_at)')} AS first, ${epoch('max(b.stored_at)')} AS last
        FROM public.scan_job_batches b JOIN public.scan_jobs j ON j.id = b.job_id
        WHERE j.scan_id = $1`,
    );
    const [findings] = await q<{ n: number }>(
      'SELECT count(*)::int AS n FROM public.findings WHERE scan_id = $1',
    );
    const dead = (
      await client.query<{ n: number }>('SELECT count(*)::int AS n FROM public.dead_letters')
    ).rows[0];
    if (!times || !batches || !findings || !dead) throw new Error(`scan ${scanId} has no jobs`);
    return {
      phases: {
        fanOutMs: times.fanned - times.requested,
        scanningMs: times.last_finished - times.first_started,
        closureMs: times.closed - times.last_finished,
      },
      jobMedianMs: times.median_ms,
      jobMaxMs: times.max_ms,
      jobsByStatus: statuses.map((s) => `${s.scope} ${s.status} ${s.n}`).join(', '),
      failedJobs: failed.map((f) => `${f.account_id} ${f.error_code}: ${f.error_message}`),
      findings: findings.n,
      results: batches.items,
      batches: batches.n,
      batchWindowMs: batches.n > 0 ? batches.last - batches.first : 0,
      deadLetters: dead.n,
    };
  } finally {
    await client.end();
  }
}

async function runRound(
  ctx: Context,
  org: Organization,
  scanners: number,
  idleSeconds: number,
): Promise<RoundResult> {
  const n = org.accountIds.length;
  const motos = ctx.motos.slice(0, scanners);
  const db = await createTestDatabase(ctx.pg);
  let fleet: Fleet | undefined;
  try {
    const spawnedAt = Date.now();
    fleet = await startFleet({
      label: `bench-pipeline-${n}x${scanners}`,
      kafkaBrokers: ctx.brokers,
      databaseUrl: db.serviceUrl,
      awsEndpoints: motos.map((m) => m.url),
      env: fleetEnv(),
    });
    const startupMs = Date.now() - spawnedAt;
    const api = new PalisadeClient(fleet.apiUrl);
    const tenant = await api.createTenant(fleet.operatorKey, `bench-pipeline-${n}`);
    const source = await api.createSource(tenant.adminKey, {
      name: `organization-${n}`,
      kind: 'organization',
      config: {
        managementRoleArn: `arn:aws:iam::${org.managementAccountId}:role/${MEMBER_ROLE}`,
        memberRoleName: MEMBER_ROLE,
        regions: [...REGIONS],
      },
    });

    const watched: Watched[] = [
      ...fleet
        .list()
        .flatMap((m) =>
          m.process ? [{ label: labelOf(m.service, m.index), pid: m.process.pid }] : [],
        ),
      ...motos.map((m, i) => ({ label: `moto ${i + 1}`, pid: m.pid })),
      { label: 'kafka (shared)', pid: ctx.kafkaPid },
    ];
    const idleFrom = watched.map((w) => cpuSeconds(w.pid));
    await new Promise((done) => setTimeout(done, idleSeconds * 1000));
    const idleCpu = watched.map((w, i) => ({
      label: w.label,
      share: (cpuSeconds(w.pid) - (idleFrom[i] ?? 0)) / idleSeconds,
    }));
    const logFrom = motos.map((m) => statSync(m.logFile).size);
    const cpuBefore = watched.map((w) => cpuSeconds(w.pid));
    const machineBefore = machineTicks();
    const t0 = Date.now();
    const scan = await api.startScan(tenant.adminKey, {
      sourceId: source.id,
      frameworks: FRAMEWORKS.map((f) => f.id),
    });
    const done = await api.waitForScan(tenant.adminKey, scan.id, 120_000 + n * 30_000);
    const wallMs = Date.now() - t0;
    const machineAfter = machineTicks();
    const cpu = watched.map((w, i) => ({
      label: w.label,
      seconds: cpuSeconds(w.pid) - (cpuBefore[i] ?? 0),
    }));
    const load = loadavg();
    const peakRss = fleet
      .peakRss()
      .map((p) => ({ label: labelOf(p.service, p.index), bytes: p.bytes }));
    const requests = motos.map((m, i) => motoRequests(m.logFile, logFrom[i] ?? 0));
    if (done.status === 'failed' || done.status === 'cancelled') {
      throw new Error(`the scan ended ${done.status}: ${done.error ?? ''}`);
    }
    const figures = await scanFigures(db.superUrl, scan.id);
    for (const m of fleet.list()) {
      if (m.process === undefined) continue;
      const code = await fleet.stop(m.service, m.index, 'SIGTERM');
      if (code !== 0) {
        console.error(`${labelOf(m.service, m.index)} ended with ${String(code)} after SIGTERM`);
        process.exitCode = 1;
      }
    }
    return {
      accounts: n,
      scanners,
      status: done.status,
      counts: done.counts,
      startupMs,
      wallMs,
      ...figures,
      peakRss,
      cpu,
      idleCpu,
      motoRequests: requests,
      machineBusyS: (machineAfter.busy - machineBefore.busy) / 100,
      load: [load[0] ?? 0, load[1] ?? 0],
    };
  } finally {
    await fleet?.stopAll();
    await db.drop();
  }
}

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const secs = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const mib = (bytes: number) => fmt(bytes / 2 ** 20);
const perMin = (r: RoundResult) => (r.accounts / r.wallMs) * 60_000;
const perAccount = (r: RoundResult) => r.wallMs / 1000 / r.accounts;
const findingsPerS = (r: RoundResult) =>
  r.batchWindowMs > 0 ? r.results / (r.batchWindowMs / 1000) : NaN;
const cpuOf = (r: RoundResult, label: string) =>
  r.cpu.find((c) => c.label === label)?.seconds ?? NaN;
const motoShare = (r: RoundResult, i: number) => cpuOf(r, `moto ${i + 1}`) / (r.wallMs / 1000);

function report(r: RoundResult): void {
  const head = `N=${r.accounts}, ${r.scanners} scanner${r.scanners > 1 ? 's' : ''}`;
  const pad = ' '.repeat(head.length + 2);
  const wallS = r.wallMs / 1000;
  const { fanOutMs, scanningMs, closureMs } = r.phases;
  console.log(
    `${head}: ${r.status} in ${secs(r.wallMs)} (fleet up in ${secs(r.startupMs)}); ` +
      `${fmt(perMin(r), 1)} accounts/min, ${fmt(perAccount(r), 2)} s/account; ` +
      `fan-out ${secs(fanOutMs)}, scanning ${secs(scanningMs)}, closure ${secs(closureMs)}; ` +
      `account job median ${secs(r.jobMedianMs)}, max ${secs(r.jobMaxMs)}`,
  );
  console.log(
    `${pad}jobs: ${r.jobsByStatus}; ${r.results} results in ${r.batches} batches stored over ` +
      `${secs(r.batchWindowMs)} = ${fmt(findingsPerS(r), 1)} findings/s; ${r.findings} findings; ` +
      `${r.deadLetters} dead letters; counts ${JSON.stringify(r.counts)}`,
  );
  const requests = r.motoRequests.map(
    (m, i) =>
      `moto ${i + 1} ${m.calls} (${m.non2xx} non-2xx, ${fmt(m.calls / wallS)}/s, ` +
      `busy ${fmt(motoShare(r, i) * 100)}% of the wall time)`,
  );
  console.log(`${pad}requests: ${requests.join('; ')}`);
  const ours = r.cpu.reduce((a, c) => a + c.seconds, 0);
  console.log(
    `${pad}CPU s: ${r.cpu.map((c) => `${c.label} ${fmt(c.seconds, 1)}`).join(', ')}; ` +
      `machine busy ${fmt(r.machineBusyS, 1)} of ${fmt(wallS * cpus().length, 1)} ` +
      `(${fmt(r.machineBusyS / wallS, 2)} cores), the rest (Postgres, other work) ` +
      `${fmt(r.machineBusyS - ours, 1)}; load ${fmt(r.load[0], 2)} / ${fmt(r.load[1], 2)}`,
  );
  console.log(
    `${pad}idle before the scan, CPU s per min: ` +
      r.idleCpu.map((c) => `${c.label} ${fmt(c.share * 60, 1)}`).join(', '),
  );
  console.log(
    `${pad}peak RSS (MiB): ${r.peakRss.map((p) => `${p.label} ${mib(p.bytes)}`).join(', ')}`,
  );
  for (const f of r.failedJobs) console.log(`${pad}failed job: ${f}`);
}

function table(rounds: readonly RoundResult[]): void {
  const services = [...new Set(rounds.flatMap((r) => r.peakRss.map((p) => p.label)))];
  const header = [
    'N',
    'scanners',
    'end-to-end s',
    'accounts/min',
    's/account',
    'findings',
    'findings/s',
    'moto share',
    ...services.map((s) => `RSS ${s}`),
  ];
  const rows = rounds.map((r) => [
    String(r.accounts),
    String(r.scanners),
    fmt(r.wallMs / 1000, 1),
    fmt(perMin(r), 1),
    fmt(perAccount(r), 2),
    String(r.findings),
    fmt(findingsPerS(r), 1),
    r.motoRequests.map((_, i) => `${fmt(motoShare(r, i) * 100)}%`).join('/'),
    ...services.map((s) => {
      const p = r.peakRss.find((x) => x.label === s);
      return p ? mib(p.bytes) : '';
    }),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  for (const row of [header, ...rows]) {
    console.log(row.map((c, i) => c.padStart(widths[i] ?? 0)).join('  '));
  }
  console.log(
    '(RSS: peak resident MiB per process, VmHWM; moto share: moto CPU s / wall s, per moto)',
  );
}

function summary(rounds: readonly RoundResult[]): void {
  const at = (n: number, scanners: number) =>
    rounds.find((r) => r.accounts === n && r.scanners === scanners);
  for (const n of [...new Set(rounds.map((r) => r.accounts))]) {
    const one = at(n, 1);
    const two = at(n, 2);
    if (one && two) {
      console.log(
        `2-vs-1 scanners at N=${n}: ${fmt(one.wallMs / two.wallMs, 2)}x ` +
          `(end-to-end ${secs(one.wallMs)} with 1, ${secs(two.wallMs)} with 2; ` +
          `scanning phase ${fmt(one.phases.scanningMs / two.phases.scanningMs, 2)}x)`,
      );
    }
  }
  const twos = rounds.filter((r) => r.scanners === 2).sort((a, b) => a.accounts - b.accounts);
  const [small, large] = [twos[0], twos.at(-1)];
  if (small && large && small !== large) {
    console.log(
      `time per account, 2 scanners: N=${small.accounts} ${fmt(perAccount(small), 2)} s, ` +
        `N=${large.accounts} ${fmt(perAccount(large), 2)} s ` +
        `(ratio ${fmt(perAccount(large) / perAccount(small), 2)}; flat = 1)`,
    );
  }
  for (const r of rounds) {
    const wallS = r.wallMs / 1000;
    const sum = (prefix: string) =>
      r.cpu.filter((c) => c.label.startsWith(prefix)).reduce((a, c) => a + c.seconds, 0);
    const idle = (prefix: string) =>
      r.idleCpu.filter((c) => c.label.startsWith(prefix)).reduce((a, c) => a + c.share, 0);
    const perAccountOf = (prefixes: readonly string[], net: boolean) =>
      prefixes
        .map((p) => `${p} ${fmt((sum(p) - (net ? idle(p) * wallS : 0)) / r.accounts, 2)}`)
        .join(', ');
    const services = ['scanner', 'normaliser', 'api', 'discovery'];
    const moto = sum('moto');
    const pct = (x: number) => `${fmt(x * 100)}%`;
    console.log(
      `N=${r.accounts} x${r.scanners}: emulator CPU ${fmt(moto, 1)} s = ${pct(moto / wallS)} ` +
        `of the wall time (${pct(moto / r.machineBusyS)} of the machine's busy CPU); ` +
        `CPU s per account: ${perAccountOf(['moto', ...services, 'kafka'], false)}; ` +
        `net of the idle rate: ${perAccountOf(['moto', ...services], true)}; the fleet idle ` +
        `${fmt(services.reduce((a, p) => a + idle(p), 0) * 60, 1)} CPU s/min`,
    );
  }
}

async function main(): Promise<void> {
  const args = parse();
  const startedAt = Date.now();
  const need = depsVariables(['kafka', 'postgres']);
  const motos: Moto[] = [];
  const rounds: RoundResult[] = [];
  try {
    const starting = await Promise.allSettled(
      MOTOS.map((m) => startMoto(m.name, { host: m.host, env: MOTO_ENV })),
    );
    for (const s of starting) if (s.status === 'fulfilled') motos.push(s.value);
    const refused = starting.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (refused) throw refused.reason;
    const ctx: Context = {
      brokers: need('PALISADE_KAFKA_BROKERS'),
      pg: {
        host: need('PALISADE_PG_HOST'),
        port: Number(need('PALISADE_PG_PORT')),
        superuser: need('PALISADE_PG_SUPERUSER'),
      },
      kafkaPid: depsPid('kafka.sh'),
      motos,
    };
    const env = Object.entries(fleetEnv()).map(([k, v]) => `${k}=${v}`);
    const frameworks = FRAMEWORKS.map((f) => f.id).join(', ');
    console.log(
      `pipeline bench: sizes ${args.sizes.join(', ')} accounts x ${REGIONS.length} regions ` +
        `(${REGIONS.join(', ')}), ${ALL_CHECKS.length} checks (${frameworks}); ` +
        `1 scanner also at ${args.ratioAt.length > 0 ? args.ratioAt.join(', ') : 'no size'}; motos ` +
        `${motos.map((m) => m.url).join(', ')}; fleet env ${env.join(' ')}`,
    );
    console.log(
      `machine: ${cpus().length} shared CPU cores, load ${loadavg()
        .map((l) => fmt(l, 2))
        .join(' / ')}`,
    );
    if (args.warmUp) {
      const warm = Date.now();
      await Promise.all(motos.map((m) => warmUpMoto(m.url, WARM_UP_ACCOUNT, REGIONS)));
      console.log(`motos warmed up by one in-process scan each in ${secs(Date.now() - warm)}`);
    }
    for (const n of args.sizes) {
      const seeding = Date.now();
      const org = await seedSize(ctx, n, args.seedConcurrency);
      console.log(
        `N=${n}: seeded in ${secs(Date.now() - seeding)} (organization in moto 1, ` +
          `${org.accountIds.length} accounts' resources in both motos)`,
      );
      for (const scanners of args.ratioAt.includes(n) ? [1, 2] : [2]) {
        const r = await runRound(ctx, org, scanners, args.idleSeconds);
        rounds.push(r);
        report(r);
        if (r.failedJobs.length > 0 || r.deadLetters > 0) process.exitCode = 1;
      }
    }
  } finally {
    for (const m of motos) {
      try {
        m.stop();
      } catch (err) {
        console.error(err);
      }
    }
  }
  console.log('---- figures ----');
  table(rounds);
  summary(rounds);
  console.log(
    `machine: ${cpus().length} shared CPU cores, load ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' / ')}; ` + `bench wall time ${secs(Date.now() - startedAt)}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
