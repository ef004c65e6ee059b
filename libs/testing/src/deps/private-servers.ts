import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DEPS = resolve(__dirname, '../../../../scripts/deps');

/** A server of one test's own, which it may stop and start (the suite's shared ones it may not). */
interface PrivateServer {
  /** Stops it: Postgres with a fast shutdown (connections cut), Kafka with SIGTERM. */
  stop(): Promise<void>;
  /** Starts it again on the same port(s) with the same data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  close(): Promise<void>;
}

export interface PrivatePostgres extends PrivateServer {
  readonly host: string;
  readonly port: number;
  readonly superuser: string;
}

export interface PrivateKafka extends PrivateServer {
  /** `host:port` of its one broker. */
  readonly brokers: string;
}

/**
 * Starts `scripts/deps/<name>.sh` in a run directory of its own and reads the variable `key`
 * from the script's `env` output: the same server the suite uses, restartable on its own.
 */
async function startPrivateServer(
  name: 'postgres' | 'kafka',
  key: string,
): Promise<PrivateServer & { readonly address: string }> {
  const runDir = mkdtempSync(join(tmpdir(), `palisade-${name}-`));
  const env = { ...process.env, PALISADE_DEPS_RUN_DIR: runDir };
  const script = (command: string) =>
    run('bash', [resolve(DEPS, `${name}.sh`), command], { env, timeout: 180_000 });
  const address = async () => {
    const { stdout } = await script('env');
    const value = new RegExp(`^${key}=(.+)$`, 'm').exec(stdout)?.[1]?.trim();
    if (!value) throw new Error(`no ${key} in ${name}.sh env output: ${stdout}`);
    return value;
  };
  await script('start');
  const first = await address();
  return {
    address: first,
    stop: async () => {
      await script('stop');
    },
    start: async () => {
      await script('start');
      const again = await address();
      if (again !== first) throw new Error(`${name} came back on ${again}, not ${first}`);
    },
    close: async () => {
      await script('stop');
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL server of one test's own (`scripts/deps/postgres.sh`). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const server = await startPrivateServer('postgres', 'PALISADE_PG_PORT');
  const port = Number(server.address);
  if (!Number.isInteger(port)) throw new Error(`postgres.sh gave no port: ${server.address}`);
  return { host: '127.0.0.1', port, superuser: 'postgres', ...server };
}

/**
 * A Kafka broker of one test's own (`scripts/deps/kafka.sh`: the suite's jars and version),
 * for a test that stops and restarts the broker under a running fleet.
 */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const server = await startPrivateServer('kafka', 'PALISADE_KAFKA_BROKERS');
  return { brokers: server.address, ...server };
}
