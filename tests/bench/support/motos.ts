// The benchmarks' own dependencies: scripts/deps run quietly, the addresses they publish, named
// moto instances of a benchmark's own (scripts/deps/moto.sh, optionally on another loopback
// address), and the CPU time of a process from /proc.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const DEPS = resolve(__dirname, '../../../scripts/deps');

/** Runs a script of scripts/deps quietly; its output is shown only when it fails. */
export function deps(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync('bash', [resolve(DEPS, script), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
    throw new Error(`scripts/deps/${script} ${args.join(' ')} failed`);
  }
}

/**
 * Starts `services` (up.sh reuses running ones) and returns a reader of the variables of the env
 * file scripts/deps publishes (PALISADE_KAFKA_BROKERS, PALISADE_PG_HOST, ...).
 */
export function depsVariables(services: readonly string[]): (name: string) => string {
  deps('up.sh', [...services]);
  const envFile = deps('env.sh', []).trim();
  const vars = new Map(
    readFileSync(envFile, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]),
  );
  return (name) => {
    const value = vars.get(name);
    if (!value) throw new Error(`no ${name} in ${envFile}`);
    return value;
  };
}

/** Kafka's address, after making sure it runs. */
export function kafkaBrokers(): string {
  return depsVariables(['kafka'])('PALISADE_KAFKA_BROKERS');
}

/** The pid scripts/deps/<script> status reports for a running server. */
export function depsPid(script: string, env: NodeJS.ProcessEnv = process.env): number {
  const pid = Number(/\bpid (\d+)/.exec(deps(script, ['status'], env))?.[1]);
  if (!Number.isInteger(pid)) throw new Error(`scripts/deps/${script} status named no pid`);
  return pid;
}

export interface Moto {
  name: string;
  url: string;
  pid: number;
  /** moto's log: one access line per request. */
  logFile: string;
  /** Forgets every resource (moto-api/reset); imported backends stay warm. */
  reset(): Promise<void>;
  stop(): void;
}

export interface MotoOptions {
  /** A 127.x.y.z address (MOTO_HOST of moto.sh); default 127.0.0.1. */
  host?: string;
  /**
   * moto's own settings (e.g. MOTO_EC2_LOAD_DEFAULT_AMIS): the instance is then restarted, since
   * a running one may have been started with others.
   */
  env?: Readonly<Record<string, string>>;
}

/** A named moto without managed policies, started (or reused, see `env`) and emptied. */
export async function startMoto(name: string, options: MotoOptions = {}): Promise<Moto> {
  const env = {
    ...process.env,
    ...options.env,
    MOTO_NAME: name,
    MOTO_IAM_LOAD_MANAGED_POLICIES: '',
    ...(options.host === undefined ? {} : { MOTO_HOST: options.host }),
  };
  const command = options.env === undefined ? 'start' : 'restart';
  try {
    await promisify(execFile)('bash', [resolve(DEPS, 'moto.sh'), command], { env });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    process.stderr.write(`${e.stdout ?? ''}${e.stderr ?? ''}`);
    throw new Error(`${name}: scripts/deps/moto.sh ${command} failed`);
  }
  const line = deps('moto.sh', ['env'], env).trim();
  const url = line.slice(line.indexOf('=') + 1);
  const status = deps('moto.sh', ['status'], env);
  const pid = Number(/, pid (\d+),/.exec(status)?.[1]);
  const logFile = /, log (\S+)$/m.exec(status)?.[1];
  if (!Number.isInteger(pid) || logFile === undefined) {
    throw new Error(`${name}: unexpected moto.sh status: ${status}`);
  }
  const reset = async () => {
    const answer = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
    if (!answer.ok) throw new Error(`${name}: moto-api/reset answered ${answer.status}`);
  };
  await reset();
  return { name, url, pid, logFile, reset, stop: () => void deps('moto.sh', ['stop'], env) };
}

/** CPU time (user + system) a process has used, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime; CLK_TCK is 100
}
