import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../../scripts/deps/postgres.sh');

/** A Postgres server of one test's own, which it may stop and start (the shared one it may not). */
export interface PrivatePostgres {
  readonly host: string;
  readonly port: number;
  readonly superuser: string;
  /** Fast shutdown: open connections are cut, as in a crash of the database host. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  close(): Promise<void>;
}

/**
 * Starts a PostgreSQL server with the project's own script (`scripts/deps/postgres.sh`) in a
 * run directory of its own, so a test can restart it without disturbing the specs that share
 * the suite's server.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const runDir = mkdtempSync(join(tmpdir(), 'palisade-pg-'));
  const env = { ...process.env, PALISADE_DEPS_RUN_DIR: runDir };
  const script = (command: string) => run('bash', [SCRIPT, command], { env, timeout: 120_000 });
  await script('start');
  const { stdout } = await script('env');
  const port = Number(/PALISADE_PG_PORT=(\d+)/.exec(stdout)?.[1]);
  if (!Number.isInteger(port)) throw new Error(`no port in postgres.sh env output: ${stdout}`);
  return {
    host: '127.0.0.1',
    port,
    superuser: 'postgres',
    stop: async () => {
      await script('stop');
    },
    start: async () => {
      await script('start');
      const again = Number(/PALISADE_PG_PORT=(\d+)/.exec((await script('env')).stdout)?.[1]);
      if (again !== port) throw new Error(`postgres came back on port ${again}, not ${port}`);
    },
    close: async () => {
      await script('stop');
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
