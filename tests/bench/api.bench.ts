// Benchmark of the api's reads (a script, never a test: it prints figures and never passes or
// fails on time). Seeds one tenant straight into a fresh migrated database — an organization of
// N accounts over a few OUs, one finished scan, its findings as the normaliser stores them
// (support/api-data.ts: identity, lifecycle and OCSF by the normaliser's own code, one COPY) and
// 30 days of posture snapshots — starts the api as its own process (as deployed: the service
// role, RLS on), then:
//
// 1. baseline: the findings page query of scenario 2 (the SQL the api builds for it: first page,
//    then its capped count) run directly in Postgres as the service role, in a transaction with
//    the tenant set, back to back from one connection; percentiles per page.
// 2. autocannon at a fixed rate (`overallRate`) for each scenario, latency of every response
//    recorded (exact p50 / p95 / p99):
//      filtered page   GET /v1/findings?severity=high&status=new&limit=50
//      deep page       GET /v1/findings?limit=50&cursor=… (the cursor ~200 pages in, followed first)
//      compliance      GET /v1/compliance
// 3. a full CSV export streamed (`/v1/exports/findings?format=csv`): rows/s, and the api's peak
//    RSS during it (VmHWM reset before it, VmRSS polled as a check).
// A route that answers 404 "Cannot GET" (not registered) is reported as "route missing".
//
//   node -r @swc-node/register tests/bench/api.bench.ts           # 1,000,000 findings, 200 accounts (npm run bench:api)
//   node -r @swc-node/register tests/bench/api.bench.ts --smoke   # 2,000 findings, 1 s per scenario, for CI
//   ... --findings 200000 --accounts 50 --rate 200 --duration 30 --deep-pages 200
//
// Postgres comes from scripts/deps (up.sh is run, idempotent). Exits non-zero only when
// something breaks: the api does not start or dies, seeding fails, or a scenario's route answers
// anything but 200 (or is missing).
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { issueOperatorKey, issueTenantKey } from '@palisade/api';
import { PALISADE_VERSION } from '@palisade/findings';
import { createTestDatabase, type TestDatabase } from '@palisade/persistence';
import { type ServiceProcess, startServiceProcess } from '@palisade/testing';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { seedApiDataset } from './support/api-data';
import { depsVariables } from './support/motos';

/** Enough that the fixed rate is kept even when responses slow down (autocannon sends on free connections). */
const CONNECTIONS = 50;

interface Args {
  findings: number;
  accounts: number;
  rate: number;
  duration: number;
  deepPages: number;
  baselineRuns: number;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      findings: { type: 'string' },
      accounts: { type: 'string' },
      rate: { type: 'string', default: '200' },
      duration: { type: 'string' },
      'deep-pages': { type: 'string' },
    },
  });
  const smoke = values.smoke;
  const args = {
    findings: Number(values.findings ?? (smoke ? 2_000 : 1_000_000)),
    accounts: Number(values.accounts ?? (smoke ? 5 : 200)),
    rate: Number(values.rate),
    duration: Number(values.duration ?? (smoke ? 1 : 30)),
    deepPages: Number(values['deep-pages'] ?? (smoke ? 10 : 200)),
    baselineRuns: smoke ? 50 : 2_000,
  };
  if (!(args.accounts >= 1 && args.findings >= args.accounts)) {
    throw new Error('--findings must be at least --accounts');
  }
  if (!(args.rate >= 1 && args.duration >= 1 && args.deepPages >= 1)) {
    throw new Error('--rate, --duration and --deep-pages are positive');
  }
  return args;
}

/** Postgres running (up.sh reuses it) and its address. */
function startPostgres(): { host: string; port: number; superuser: string } {
  const need = depsVariables(['postgres']);
  return {
    host: need('PALISADE_PG_HOST'),
    port: Number(need('PALISADE_PG_PORT')),
    superuser: need('PALISADE_PG_SUPERUSER'),
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (kib: number) => `${fmt(kib / 1024)} MiB`;

/** Exact percentile (nearest rank) of sorted samples. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

const ms = (n: number) => `${fmt(n, n < 10 ? 2 : 1)} ms`;
const describeLatency = (l: Latency) =>
  `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (${fmt(l.count)} samples)`;

/** Resident set now (VmRSS) or at its peak (VmHWM), in KiB. */
function rssKiB(pid: number, which: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${which}:\\s+(\\d+)\\s+kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  if (!m) throw new Error(`no ${which} in /proc/${pid}/status`);
  return Number(m[1]);
}

/** Resets a process's VmHWM to its current RSS (Linux `clear_refs` 5); false when refused. */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

interface Fetched {
  readonly status: number;
  readonly body: string;
}

function get(base: string, path: string, key: string): Promise<Fetched> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      new URL(path, base),
      { headers: { authorization: `Bearer ${key}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

class RouteMissing extends Error {}

/** A route answers 200, or why not (a 404 from no route at all is "route missing"). */
async function probe(base: string, path: string, key: string): Promise<Fetched> {
  const response = await get(base, path, key);
  if (response.status === 404 && /"detail":"Cannot GET /.test(response.body)) {
    throw new RouteMissing(`route missing: GET ${path.split('?')[0]}`);
  }
  if (response.status !== 200) {
    throw new Error(`GET ${path} answered ${response.status}: ${response.body.slice(0, 500)}`);
  }
  return response;
}

interface Scenario {
  readonly name: string;
  readonly path: string;
  readonly latency: Latency;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly achievedRate: number;
}

/** autocannon at a fixed overall rate, every response's latency recorded. */
async function hammer(
  base: string,
  name: string,
  path: string,
  key: string,
  args: Args,
): Promise<Scenario> {
  await probe(base, path, key);
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: new URL(path, base).toString(),
        connections: CONNECTIONS,
        overallRate: args.rate,
        duration: args.duration,
        headers: { authorization: `Bearer ${key}` },
      },
      (error: unknown, finished: autocannon.Result) =>
        error
          ? fail(error instanceof Error ? error : new Error('autocannon failed'))
          : done(finished),
    );
    instance.on('response', (_client, _status, _bytes, time) => {
      samples.push(time);
    });
  });
  return {
    name,
    path,
    latency: latencyOf(samples),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    achievedRate: result.requests.total / args.duration,
  };
}

/** Follows `nextCursor` from the first page of `path`, `pages` times (or to the last page). */
async function deepCursor(
  base: string,
  path: string,
  key: string,
  pages: number,
): Promise<{ cursor: string; depth: number; ms: number }> {
  let cursor: string | null = null;
  let depth = 0;
  const t0 = performance.now();
  for (; depth < pages; depth++) {
    const url: string = cursor === null ? path : `${path}&cursor=${encodeURIComponent(cursor)}`;
    const page = JSON.parse((await probe(base, url, key)).body) as { nextCursor?: string | null };
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (cursor === null) throw new Error(`${path} has a single page: no cursor to follow`);
  return { cursor, depth, ms: performance.now() - t0 };
}

/** The findings page of the filtered scenario as the api queries it, straight to Postgres. */
async function baseline(
  db: TestDatabase,
  tenantId: string,
  runs: number,
): Promise<{ page: Latency; pageAndCount: Latency }> {
  const client = new Client({ connectionString: db.serviceUrl });
  await client.connect();
  const where = `f.tenant_id = $1::uuid AND f.status = ANY ($2::text[]) AND f.severity = ANY ($3::text[])`;
  const page = `SELECT f.uid, f.kind, f.title, f.severity, f.status, f.compliance, f.account_id,
         f.region, f.check_id, f.resource_uid, f.resource_type, f.first_seen_at, f.last_seen_at,
         f.resolved_at, f.suppressed_by, f.source_suppressed,
         (CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'informational' THEN 1 ELSE 0 END) AS severity_rank,
         to_char(f.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS first_seen_key,
         to_char(f.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_seen_key
    FROM public.findings f WHERE ${where}
   ORDER BY f.last_seen_at DESC, f.uid ASC LIMIT $4::integer`;
  const count = `SELECT count(*)::int AS n FROM (
      SELECT 1 FROM public.findings f WHERE ${where} LIMIT $4::integer) matching`;
  const params = [tenantId, ['new'], ['high']];
  const pageMs: number[] = [];
  const bothMs: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const t1 = performance.now();
      await client.query(page, [...params, 51]);
      const t2 = performance.now();
      await client.query(count, [...params, 10_001]);
      await client.query('COMMIT');
      pageMs.push(t2 - t1);
      bothMs.push(performance.now() - t0);
    }
  } finally {
    await client.end();
  }
  return { page: latencyOf(pageMs), pageAndCount: latencyOf(bothMs) };
}

interface ExportResult {
  readonly rows: number;
  readonly bytes: number;
  readonly ms: number;
  readonly firstByteMs: number;
  readonly rssBeforeKiB: number;
  readonly peakKiB: number;
  readonly polledPeakKiB: number;
  readonly hwmReset: boolean;
}

/** Streams the whole CSV export, counting lines, while watching the api's memory. */
async function csvExport(base: string, key: string, pid: number): Promise<ExportResult> {
  const path = '/v1/exports/findings?format=csv';
  const hwmReset = resetPeakRss(pid);
  const rssBeforeKiB = rssKiB(pid, 'VmRSS');
  let polledPeakKiB = rssBeforeKiB;
  const poll = setInterval(() => {
    polledPeakKiB = Math.max(polledPeakKiB, rssKiB(pid, 'VmRSS'));
  }, 50);
  const t0 = performance.now();
  try {
    const { lines, bytes, firstByteMs } = await new Promise<{
      lines: number;
      bytes: number;
      firstByteMs: number;
    }>((done, fail) => {
      const req = httpRequest(
        new URL(path, base),
        { headers: { authorization: `Bearer ${key}` } },
        (res) => {
          if (res.statusCode !== 200) {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString('utf8')));
            res.on('end', () =>
              fail(
                res.statusCode === 404 && body.includes('"detail":"Cannot GET')
                  ? new RouteMissing('route missing: GET /v1/exports/findings')
                  : new Error(`GET ${path} answered ${res.statusCode}: ${body.slice(0, 500)}`),
              ),
            );
            return;
          }
          let count = 0;
          let size = 0;
          let first = NaN;
          res.on('data', (chunk: Buffer) => {
            if (Number.isNaN(first)) first = performance.now() - t0;
            size += chunk.length;
            for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
          });
          res.on('end', () => done({ lines: count, bytes: size, firstByteMs: first }));
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end();
    });
    return {
      rows: lines - 1,
      bytes,
      ms: performance.now() - t0,
      firstByteMs,
      rssBeforeKiB,
      peakKiB: rssKiB(pid, 'VmHWM'),
      polledPeakKiB,
      hwmReset,
    };
  } finally {
    clearInterval(poll);
  }
}

async function main(): Promise<void> {
  const args = parse();
  const pg = startPostgres();
  let db: TestDatabase | undefined;
  let api: ServiceProcess | undefined;
  try {
    db = await createTestDatabase(pg);
    console.log(
      `api bench: ${fmt(args.findings)} findings over ${args.accounts} accounts, 30 days of ` +
        `posture; autocannon at ${args.rate} requests/s (${CONNECTIONS} connections), ` +
        `${args.duration} s per scenario; machine: ${cpus().length} shared CPU cores, load ` +
        loadavg()
          .map((l) => fmt(l, 2))
          .join(' / '),
    );
    const dataset = await seedApiDataset(db, {
      accounts: args.accounts,
      findings: args.findings,
      days: 30,
      productVersion: PALISADE_VERSION,
    });
    console.log(
      `seeded ${fmt(dataset.findings)} findings, ${fmt(dataset.snapshots)} posture snapshots: ` +
        `inventory ${fmt(dataset.ms.inventory)} ms, findings COPY ${fmt(dataset.ms.copy / 1000, 1)} s, ` +
        `posture ${fmt(dataset.ms.posture)} ms`,
    );
    const tenantId = dataset.scan.tenantId;
    const issued = issueTenantKey();
    const superuser = new Client({ connectionString: db.superUrl });
    await superuser.connect();
    try {
      await superuser.query(
        `INSERT INTO public.api_keys (tenant_id, id, name, secret_sha256, scopes, created_by)
         VALUES ($1, $2, 'bench', $3, ARRAY['findings:read'], 'bench')`,
        [tenantId, issued.keyId, issued.secretSha256],
      );
      await superuser.query('CHECKPOINT');
    } finally {
      await superuser.end();
    }
    const key = issued.key;

    api = await startServiceProcess({
      entry: 'apps/api/src/main.ts',
      startTimeoutMs: 120_000,
      env: {
        DATABASE_URL: db.serviceUrl,
        TRANSPORT: 'in-process',
        AWS_REGION: 'us-east-1',
        // The default level, as deployed: one line per request (and the `started` line).
        LOG_LEVEL: 'info',
        OPERATOR_KEY: issueOperatorKey(),
        API_RATE_LIMIT_PER_MINUTE: '1000000',
      },
    });
    const pid = api.lines.find((l) => typeof l['pid'] === 'number')?.['pid'];
    if (typeof pid !== 'number') throw new Error('the api logged no pid');
    const base = api.url;
    console.log(`api: pid ${pid}, ${base}, RSS ${mib(rssKiB(pid, 'VmRSS'))} after start`);

    const raw = await baseline(db, tenantId, args.baselineRuns);
    console.log(
      `baseline (Postgres, service role, tenant set, one connection, ${fmt(args.baselineRuns)} runs): ` +
        `page query ${describeLatency(raw.page)}; page + capped count in its transaction ` +
        describeLatency(raw.pageAndCount),
    );

    const scenarios: Scenario[] = [];
    const missing: string[] = [];
    const attempt = async (run: () => Promise<Scenario>) => {
      try {
        const scenario = await run();
        scenarios.push(scenario);
        console.log(
          `${scenario.name}: ${describeLatency(scenario.latency)}; ${fmt(scenario.achievedRate)} req/s; ` +
            `non-2xx ${scenario.non2xx}, errors ${scenario.errors}`,
        );
      } catch (error) {
        if (!(error instanceof RouteMissing)) throw error;
        missing.push(error.message);
        console.log(error.message);
      }
    };
    const filtered = '/v1/findings?severity=high&status=new&limit=50';
    await attempt(() => hammer(base, 'filtered findings page', filtered, key, args));
    await attempt(async () => {
      const deep = await deepCursor(base, '/v1/findings?limit=50', key, args.deepPages);
      console.log(
        `deep cursor: followed ${deep.depth} pages (${fmt(deep.depth * 50)} findings in) in ` +
          `${fmt(deep.ms)} ms = ${ms(deep.ms / Math.max(deep.depth, 1))} a page`,
      );
      const path = `/v1/findings?limit=50&cursor=${encodeURIComponent(deep.cursor)}`;
      return hammer(base, `deep findings page (page ${deep.depth + 1})`, path, key, args);
    });
    await attempt(() => hammer(base, 'compliance summary', '/v1/compliance', key, args));

    let exported: ExportResult | undefined;
    try {
      exported = await csvExport(base, key, pid);
    } catch (error) {
      if (!(error instanceof RouteMissing)) throw error;
      missing.push(error.message);
      console.log(error.message);
    }

    console.log('---- figures ----');
    for (const s of scenarios) {
      const aim = s.path.startsWith('/v1/compliance') ? 100 : 25;
      console.log(
        `${s.name.padEnd(32)} p50 ${ms(s.latency.p50)}  p95 ${ms(s.latency.p95)}  p99 ` +
          `${ms(s.latency.p99)}  non-2xx ${s.non2xx}  errors ${s.errors}  ` +
          `(aim p95 < ${aim} ms: ${s.latency.p95 < aim ? 'met' : 'NOT met'})`,
      );
    }
    const page = scenarios.find((s) => s.name === 'filtered findings page');
    if (page) {
      console.log(
        `ratio api / Postgres for the filtered page: p50 ${fmt(page.latency.p50 / raw.page.p50, 1)}x ` +
          `the page query, ${fmt(page.latency.p50 / raw.pageAndCount.p50, 1)}x page + count ` +
          `(p95 ${fmt(page.latency.p95 / raw.pageAndCount.p95, 1)}x)`,
      );
    }
    if (exported) {
      console.log(
        `CSV export: ${fmt(exported.rows)} rows (of ${fmt(dataset.findings)} findings), ` +
          `${mib(exported.bytes / 1024)} in ` +
          `${fmt(exported.ms / 1000, 1)} s = ${fmt((exported.rows / exported.ms) * 1000)} rows/s ` +
          `(first byte after ${ms(exported.firstByteMs)}); api RSS ${mib(exported.rssBeforeKiB)} ` +
          `before, peak ${mib(exported.hwmReset ? exported.peakKiB : exported.polledPeakKiB)} ` +
          (exported.hwmReset
            ? `(VmHWM reset before the export; polled VmRSS peak ${mib(exported.polledPeakKiB)})`
            : '(polled VmRSS every 50 ms: VmHWM could not be reset)'),
      );
    }
    for (const line of missing) console.log(line);

    const broken = scenarios.filter((s) => s.non2xx > 0 || s.errors > 0);
    if (missing.length > 0 || broken.length > 0) process.exitCode = 1;
    const code = await api.stop('SIGTERM');
    api = undefined;
    if (code !== 0) {
      console.error(`the api ended with ${String(code)} (0 expected after SIGTERM)`);
      process.exitCode = 1;
    }
  } finally {
    if (api) await api.stop('SIGKILL');
    await db?.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
