// Benchmark of embedded mode (a script, never a test: it prints figures and never passes or
// fails on time): `palisade scan --org` of the demo organization, the CLI a child process with
// its own embedded Postgres, as `npm run demo` runs it. Starts a moto of its own (as the demo
// does: no managed IAM policies, no default AMIs), seeds the 10-account demo organization into
// that moto, timed, then scans the organization through the fault proxy, which logs every AWS
// call, with a timing relay between the proxy and moto recording how long moto took over each.
//
//   node -r @swc-node/register tests/bench/cli-demo.bench.ts          # the demo's regions, CIS
//   node -r @swc-node/register tests/bench/cli-demo.bench.ts --smoke  # us-east-1, 4 checks (CI)
//   ... --max-attempts 1   # SCANNER_AWS_MAX_ATTEMPTS for the CLI (default: unset, as the demo)
//
// moto answers the calls it does not emulate (Access Analyzer, some EC2 and Account
// operations) with errors the SDK retries with backoff up to SCANNER_AWS_MAX_ATTEMPTS (8 by
// default): `--max-attempts 1` shows what that backoff costs the scan.
//
// Figures: the CLI's wall time and its phases (startup: embedded Postgres, migrations, services;
// the scan; the summary and the four output files), the CLI process's peak RSS (VmHWM) and CPU,
// moto's CPU, AWS calls, and the share of the wall time during which at least one call was
// waiting on moto (the union of the relay's intervals). Exits non-zero only when something
// breaks (the CLI fails or times out). moto `moto-bench-cli` and everything else started here
// stop at the end; the run directory is removed.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  type AwsProxy,
  DEMO_REGIONS,
  type DemoOrganization,
  seedDemoOrganization,
  startAwsProxy,
} from '@palisade/testing';

const ROOT = resolve(__dirname, '../..');
const MOTO_SCRIPT = resolve(ROOT, 'scripts/deps/moto.sh');
const MOTO_NAME = 'moto-bench-cli';
const CLI = ['-r', '@swc-node/register', 'apps/cli/src/main.ts'];
/** The smoke run's checks: IAM, S3, EC2 and CloudTrail, each with failures in the demo. */
const SMOKE_CHECKS = [
  'iam_user_console_mfa_enabled',
  's3_bucket_policy_no_public_principal',
  'ec2_security_group_admin_ports_ipv4_restricted',
  'cloudtrail_multi_region_enabled',
];
const CLI_TIMEOUT_MS = 15 * 60_000;
const SAMPLE_MS = 100;

interface Args {
  smoke: boolean;
  regions: readonly string[];
  checks: readonly string[];
  /** SCANNER_AWS_MAX_ATTEMPTS of the CLI; undefined leaves the CLI's default. */
  maxAttempts: string | undefined;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      'max-attempts': { type: 'string' },
    },
  });
  const maxAttempts = values['max-attempts'];
  return values.smoke
    ? { smoke: true, regions: [DEMO_REGIONS[0]], checks: SMOKE_CHECKS, maxAttempts }
    : { smoke: false, regions: DEMO_REGIONS, checks: [], maxAttempts };
}

interface Moto {
  url: string;
  pid: number;
  stop(): void;
}

/** The bench's own moto, in the run dir, configured as scripts/demo/demo.sh configures its own. */
function startMoto(runDir: string): Moto {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PALISADE_DEPS_RUN_DIR: runDir,
    MOTO_NAME,
    MOTO_EC2_LOAD_DEFAULT_AMIS: 'false',
  };
  delete env['MOTO_IAM_LOAD_MANAGED_POLICIES'];
  const moto = (command: string) => {
    try {
      return execFileSync('bash', [MOTO_SCRIPT, command], { env, stdio: 'pipe' }).toString();
    } catch (err) {
      const e = err as { stdout?: Buffer; stderr?: Buffer };
      process.stderr.write(`${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
      throw new Error(`scripts/deps/moto.sh ${command} (${MOTO_NAME}) failed`);
    }
  };
  moto('start');
  const line = moto('env').trim();
  const pid = Number(/, pid (\d+),/.exec(moto('status'))?.[1]);
  return { url: line.slice(line.indexOf('=') + 1), pid, stop: () => void moto('stop') };
}

/** A pass-through HTTP relay in front of moto recording when each exchange began and ended. */
interface TimingRelay {
  readonly url: string;
  /** [start, end] in performance.now() milliseconds, one per exchange. */
  readonly intervals: [number, number][];
  close(): Promise<void>;
}

async function startTimingRelay(upstream: string): Promise<TimingRelay> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const intervals: [number, number][] = [];
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const forward = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', () => intervals.push([start, performance.now()]));
      },
    );
    forward.once('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`timing relay: ${String(err)}`);
    });
    req.pipe(forward);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    intervals,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** Milliseconds covered by at least one of the intervals, clipped to [from, to]. */
function unionMs(intervals: readonly [number, number][], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [start, end] = [-Infinity, -Infinity];
  for (const [a, b] of clipped) {
    if (a > end) {
      if (end > start) total += end - start;
      [start, end] = [a, b];
    } else {
      end = Math.max(end, b);
    }
  }
  if (end > start) total += end - start;
  return total;
}

const sumMs = (intervals: readonly [number, number][], from: number, to: number) =>
  intervals.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);

/** CPU seconds (user + system) a live process has used; undefined once it is gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime; CLK_TCK is 100
  } catch {
    return undefined;
  }
}

/** Peak resident set (VmHWM) of a live process in KiB; undefined once it is gone. */
function peakRssKiB(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** performance.now() at spawn, at `scan … started` on stderr, at the summary, at exit. */
  spawnedAt: number;
  startedAt: number | undefined;
  summaryAt: number | undefined;
  exitedAt: number;
  /** The last samples before exit: VmHWM is a high-water mark, so its last value is the peak. */
  peakRssKiB: number;
  cpuS: number;
}

/** Runs the CLI to its end, sampling its memory and CPU and timing its phases. */
function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? -1;
  const run: CliRun = {
    code: null,
    stdout: '',
    stderr: '',
    spawnedAt,
    startedAt: undefined,
    summaryAt: undefined,
    exitedAt: spawnedAt,
    peakRssKiB: 0,
    cpuS: 0,
  };
  const sample = () => {
    run.peakRssKiB = peakRssKiB(pid) ?? run.peakRssKiB;
    run.cpuS = cpuSeconds(pid) ?? run.cpuS;
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  const timeout = setTimeout(() => child.kill('SIGTERM'), CLI_TIMEOUT_MS);
  child.stdout.on('data', (chunk: Buffer) => {
    run.summaryAt ??= performance.now();
    run.stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString('utf8');
    if (run.startedAt === undefined && /^scan \S+ started/m.test(run.stderr)) {
      run.startedAt = performance.now();
    }
  });
  // The process is still there (a zombie until reaped) when 'exit' fires: one last sample.
  child.once('exit', sample);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => {
      clearInterval(sampler);
      clearTimeout(timeout);
      run.exitedAt = performance.now();
      run.code = code;
      done(run);
    });
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;

/** `op n, op n, ...`: the five largest counts. */
function top5(counts: Map<string, number>): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
}

function reportRun(cli: CliRun, proxy: AwsProxy, relay: TimingRelay, motoCpuS: number): void {
  const wall = cli.exitedAt - cli.spawnedAt;
  const started = cli.startedAt ?? cli.spawnedAt;
  const summary = cli.summaryAt ?? cli.exitedAt;
  const scanMs = summary - started;
  const waitWall = unionMs(relay.intervals, cli.spawnedAt, cli.exitedAt);
  const waitScan = unionMs(relay.intervals, started, summary);
  const busy = sumMs(relay.intervals, cli.spawnedAt, cli.exitedAt);
  const operations = new Map<string, number>();
  const failed = new Map<string, number>();
  for (const e of proxy.log) {
    const op = `${e.service}:${e.operation}`;
    operations.set(op, (operations.get(op) ?? 0) + 1);
    if (e.status >= 300)
      failed.set(`${op} [${e.status}]`, (failed.get(`${op} [${e.status}]`) ?? 0) + 1);
  }
  const non2xx = [...failed.values()].reduce((n, c) => n + c, 0);
  const findings = /findings\.csv \((\d+) findings\)/.exec(cli.stdout)?.[1] ?? '?';
  const headline = /^Scan \S+ (.+)$/m.exec(cli.stdout)?.[1] ?? '(no summary)';
  console.log(
    `CLI wall ${s(wall)}: startup ${s(started - cli.spawnedAt)} (embedded Postgres, ` +
      `migrations, services), scan ${s(scanMs)}, summary and outputs ${s(cli.exitedAt - summary)}; ` +
      `scan ${headline}; ${findings} findings written`,
  );
  console.log(
    `CLI process: peak RSS (VmHWM) ${(cli.peakRssKiB / 1024).toFixed(0)} MiB, CPU ` +
      `${cli.cpuS.toFixed(1)} s; moto CPU ${motoCpuS.toFixed(1)} s over the run`,
  );
  console.log(
    `waiting on moto: ${pct(waitWall, wall)} of the wall time (${s(waitWall)} with at least one ` +
      `call in flight), ${pct(waitScan, scanMs)} of the scan phase; ${s(busy)} of call time in ` +
      `all (${(busy / Math.max(waitWall, 1)).toFixed(1)} calls in flight on average while any was)`,
  );
  console.log(
    `AWS calls ${proxy.log.length} (${non2xx} answered with an error status); ` +
      `top: ${top5(operations)}`,
  );
  if (failed.size > 0) console.log(`top non-2xx: ${top5(failed)}`);
}

async function main(): Promise<void> {
  const args = parse();
  const runDir = mkdtempSync('/tmp/palisade-bench-cli-');
  // As root the embedded Postgres runs as `postgres`, which must reach its data dir.
  chmodSync(runDir, 0o755);
  mkdirSync(join(runDir, 'home'));
  let moto: Moto | undefined;
  let demo: DemoOrganization | undefined;
  let relay: TimingRelay | undefined;
  let proxy: AwsProxy | undefined;
  try {
    moto = startMoto(runDir);
    console.log(
      `cli-demo bench${args.smoke ? ' (smoke)' : ''}: palisade scan --org of the demo ` +
        `organization in ${args.regions.join(', ')}, ` +
        `${args.checks.length === 0 ? 'the default framework' : `checks ${args.checks.join(', ')}`}; ` +
        `SCANNER_AWS_MAX_ATTEMPTS ${args.maxAttempts ?? 'unset'}; moto ${MOTO_NAME} (pid ${moto.pid})`,
    );
    const seedStart = performance.now();
    demo = await seedDemoOrganization(moto.url);
    const accounts = Object.keys(demo.accounts).length;
    console.log(
      `seeding: ${s(performance.now() - seedStart)} (${accounts} accounts, ` +
        `${demo.regions.length} regions, postures and Inspector2 findings)`,
    );

    relay = await startTimingRelay(moto.url);
    proxy = await startAwsProxy({ upstream: relay.url });
    const c = demo.organization.credentials;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '',
      HOME: join(runDir, 'home'),
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      ...(c.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: c.sessionToken }),
      AWS_ENDPOINT_URL: proxy.url,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...(args.maxAttempts === undefined ? {} : { SCANNER_AWS_MAX_ATTEMPTS: args.maxAttempts }),
    };
    const cliArgs = [
      'scan',
      '--org',
      '--regions',
      args.regions.join(','),
      ...(args.checks.length === 0 ? [] : ['--checks', args.checks.join(',')]),
      '--output',
      join(runDir, 'out'),
      '--data-dir',
      join(runDir, 'data'),
      '--progress',
      'none',
    ];
    const motoCpuBefore = cpuSeconds(moto.pid) ?? 0;
    const cli = await runCli(cliArgs, env);
    const motoCpuS = (cpuSeconds(moto.pid) ?? motoCpuBefore) - motoCpuBefore;
    if (cli.code !== 0) {
      process.stderr.write(cli.stderr.split('\n').slice(-30).join('\n'));
      throw new Error(`palisade ${cliArgs.join(' ')} exited with ${cli.code ?? 'a signal'}`);
    }
    reportRun(cli, proxy, relay, motoCpuS);
  } finally {
    await proxy?.close();
    await relay?.close();
    demo?.organization.close();
    try {
      moto?.stop();
    } catch (err) {
      console.error(err);
    }
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
