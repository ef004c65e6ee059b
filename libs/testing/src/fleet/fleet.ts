// The Palisade fleet as deployed, on one machine: the built services (`npm run build`, run through
// the image's entry point) as separate OS processes — discovery, scanners, the normaliser and the
// api — on a Kafka broker, a Postgres database and an AWS endpoint (the fault proxy in front of
// moto) the caller gives. A test can kill, stop and start any process while the others run.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ServiceProcess, startCommandProcess } from '../process/service-process';

const ROOT = resolve(__dirname, '../../../..');
/** The image's entry point, relative to the app root (it runs `<root>/dist/...`). */
const ENTRYPOINT = 'deploy/docker/entrypoint.sh';
/** Inside the checkout, so the compiled code resolves the checkout's node_modules. */
const BUILDS = join(ROOT, '.cache/fleet-builds');
const LOG_ROOT = join(ROOT, 'test-output/fleet');

export type FleetService = 'api' | 'discovery' | 'scanner' | 'normaliser';

const USES_DATABASE: Record<FleetService, boolean> = {
  api: true,
  discovery: true,
  scanner: false,
  normaliser: true,
};
const USES_AWS: Record<FleetService, boolean> = {
  api: true,
  discovery: true,
  scanner: true,
  normaliser: false,
};

/** Palisade's own identity in the emulator: a key moto has not issued acts in its default account. */
export const FLEET_HUB_CREDENTIALS = {
  accessKeyId: 'AKIAPALISADEFLEETHUB',
  secretAccessKey: 'palisade-fleet-hub-secret',
} as const;

export interface FleetOptions {
  /** Names the fleet's logs: test-output/fleet/<label>/<service>-<n>.log. */
  readonly label: string;
  /** `host:port` of the broker. */
  readonly kafkaBrokers: string;
  /** The services' connection string (the app role on a migrated database). */
  readonly databaseUrl: string;
  /**
   * The AWS endpoint of each scanner, in order (one moto per scanner in the benchmark); their
   * number is the number of scanners. Discovery and the api use the first.
   */
  readonly awsEndpoints: readonly string[];
  /** Extra variables for every service, or for one kind of service (these win). */
  readonly env?: Readonly<Record<string, string>>;
  readonly serviceEnv?: Partial<Record<FleetService, Readonly<Record<string, string>>>>;
  /** Partitions of the job topic (default 4: the scanners share it). */
  readonly jobPartitions?: number;
  /** Services not to start now (a test starts them later with `start`). */
  readonly notStarted?: readonly FleetService[];
}

/** One process of the fleet, running or not. */
export interface FleetMember {
  readonly service: FleetService;
  /** 0 for all but the scanners. */
  readonly index: number;
  /** The running process, or undefined while it is stopped. */
  readonly process: ServiceProcess | undefined;
}

/**
 * Builds the apps (`scripts/build.sh`, ~5 s) into a directory of this process's own under
 * .cache/fleet-builds, beside a copy of the image's entry point: the fleet runs the compiled
 * JavaScript as the image does, and a later build (another suite's, or `npm run build`) never
 * changes the code under running services. A build made by the e2e tier's globalSetup is
 * reused (PALISADE_FLEET_BUILD). Returns the build's root.
 */
export function buildFleet(): string {
  const made = process.env['PALISADE_FLEET_BUILD'];
  if (made !== undefined && existsSync(join(made, ENTRYPOINT))) return made;
  mkdirSync(BUILDS, { recursive: true });
  for (const old of readdirSync(BUILDS)) {
    if (!isAlive(Number(old))) rmSync(join(BUILDS, old), { recursive: true, force: true });
  }
  const build = join(BUILDS, String(process.pid));
  execFileSync('bash', [join(ROOT, 'scripts/build.sh'), join(build, 'dist')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  mkdirSync(join(build, dirname(ENTRYPOINT)), { recursive: true });
  copyFileSync(join(ROOT, ENTRYPOINT), join(build, ENTRYPOINT));
  process.env['PALISADE_FLEET_BUILD'] = build;
  return build;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An operator key as `npm run -s operator-key` makes one. */
function newOperatorKey(): string {
  return `pal_op_${randomBytes(32).toString('base64url')}`;
}

export class Fleet {
  /** The api's operator key (it manages tenants). */
  readonly operatorKey = newOperatorKey();
  /** Topic and consumer-group prefix: the fleet's own topics on a shared broker. */
  readonly prefix = `fleet-${randomUUID().slice(0, 8)}.`;
  private readonly members: { service: FleetService; index: number; process?: ServiceProcess }[];
  private readonly logDir: string;
  private readonly finished: { name: string; lines: readonly Record<string, unknown>[] }[] = [];
  private started = 0;

  constructor(
    private readonly options: FleetOptions,
    /** The build's root (`buildFleet`). */
    private readonly build: string,
  ) {
    if (options.awsEndpoints.length === 0) throw new Error('a fleet needs at least one scanner');
    this.members = [
      { service: 'api', index: 0 },
      { service: 'discovery', index: 0 },
      { service: 'normaliser', index: 0 },
      ...options.awsEndpoints.map((_, index) => ({ service: 'scanner' as const, index })),
    ];
    this.logDir = join(LOG_ROOT, options.label);
    mkdirSync(this.logDir, { recursive: true });
  }

  /** Starts every service not in `notStarted`, the api first (it provisions nothing others need). */
  async startAll(): Promise<void> {
    const skip = new Set(this.options.notStarted ?? []);
    // Every start settles before a failure is reported, so `stopAll` sees (and stops) the
    // services that did start rather than leaving them running.
    const starts = await Promise.allSettled(
      this.members.filter((m) => !skip.has(m.service)).map((m) => this.start(m.service, m.index)),
    );
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  /** The api's base URL (it must be running). */
  get apiUrl(): string {
    const api = this.member('api', 0).process;
    if (api === undefined) throw new Error('the api is not running');
    return api.url;
  }

  list(): FleetMember[] {
    return this.members.map((m) => ({ ...m, process: m.process }));
  }

  process(service: FleetService, index = 0): ServiceProcess | undefined {
    return this.member(service, index).process;
  }

  /** Starts a stopped service and waits for its `started` line. */
  async start(service: FleetService, index = 0): Promise<ServiceProcess> {
    const member = this.member(service, index);
    if (member.process !== undefined) throw new Error(`${service} ${index} is already running`);
    const started = await startCommandProcess({
      command: join(this.build, ENTRYPOINT),
      args: [service],
      cwd: ROOT,
      env: this.envOf(service, index),
      startTimeoutMs: 90_000,
    });
    member.process = started;
    return started;
  }

  /**
   * Stops a service with `signal` (SIGKILL: a crash, nothing flushed; SIGTERM: a graceful
   * shutdown) and keeps its log. Resolves with its exit code or signal.
   */
  async stop(service: FleetService, index = 0, signal: NodeJS.Signals = 'SIGTERM') {
    const member = this.member(service, index);
    const running = member.process;
    if (running === undefined) throw new Error(`${service} ${index} is not running`);
    member.process = undefined;
    const exit = await running.stop(signal);
    this.finished.push({ name: `${service}-${index}-${++this.started}`, lines: running.lines });
    return exit;
  }

  /** Peak resident memory (VmHWM) of each running process, in bytes. */
  peakRss(): { service: FleetService; index: number; bytes: number }[] {
    return this.members.flatMap((m) => {
      if (m.process === undefined) return [];
      const status = readFileSync(`/proc/${m.process.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
      return [{ service: m.service, index: m.index, bytes: kb * 1024 }];
    });
  }

  /** Every log line of a service so far, across its restarts. */
  logLines(service: FleetService, index = 0): Record<string, unknown>[] {
    const prefix = `${service}-${index}-`;
    return [
      ...this.finished.filter((f) => f.name.startsWith(prefix)).flatMap((f) => f.lines),
      ...(this.member(service, index).process?.lines ?? []),
    ];
  }

  /** Stops whatever runs (SIGTERM) and writes every process's log under test-output/fleet. */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.members
        .filter((m) => m.process !== undefined)
        .map((m) => this.stop(m.service, m.index).catch(() => undefined)),
    );
    for (const f of this.finished) {
      const text = f.lines.map((line) => JSON.stringify(line)).join('\n');
      writeFileSync(join(this.logDir, `${f.name}.log`), `${text}\n`);
    }
  }

  private member(service: FleetService, index: number) {
    const m = this.members.find((x) => x.service === service && x.index === index);
    if (m === undefined) throw new Error(`the fleet has no ${service} ${index}`);
    return m;
  }

  private envOf(service: FleetService, index: number): Record<string, string> {
    const o = this.options;
    const endpoint = service === 'scanner' ? o.awsEndpoints[index] : o.awsEndpoints[0];
    return {
      HOME: '/tmp',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: o.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_GROUP_PREFIX: this.prefix,
      KAFKA_CLIENT_ID: `palisade-${service}-${index}`,
      KAFKA_PARTITIONS_DEFAULT: '2',
      KAFKA_PARTITIONS_JOBS: String(o.jobPartitions ?? 4),
      KAFKA_PARTITIONS_FINDINGS_RAW: '2',
      KAFKA_PARTITIONS_JOB_EVENTS: '2',
      // A crashed member leaves its consumer group within seconds, not the default 30 s.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
      ...(USES_DATABASE[service] ? { DATABASE_URL: o.databaseUrl } : {}),
      ...(USES_AWS[service]
        ? {
            AWS_ENDPOINT_URL: endpoint ?? '',
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: FLEET_HUB_CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: FLEET_HUB_CREDENTIALS.secretAccessKey,
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          }
        : {}),
      ...(service === 'api' ? { OPERATOR_KEY: this.operatorKey } : {}),
      ...o.env,
      ...o.serviceEnv?.[service],
    };
  }
}

/** Builds the apps (see `buildFleet`), then starts a fleet. Call `stopAll()` when done. */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const fleet = new Fleet(options, buildFleet());
  try {
    await fleet.startAll();
  } catch (err) {
    await fleet.stopAll();
    throw err;
  }
  return fleet;
}
