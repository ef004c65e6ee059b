import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Env } from '@palisade/config';
import { APP_ROLE } from '@palisade/persistence';
import { defaultDataDir, socketPathProblem } from './data-dir';
import { migrate, setUpDatabase } from './database-setup';
import { EmbeddedDatabaseError, EmbeddedDatabaseErrorCode } from './embedded-database-error';
import {
  type EmbeddedPostgresOptions,
  type EmbeddedPostgresServer,
  loadEmbeddedPostgres,
} from './embedded-postgres-loader';
import { isAlive, judgeLock, lockHolder, parsePostmasterLock } from './postmaster-lock';
import { findServerUser, prepareRootDataDir, prepareUserDataDir } from './prepare-data-dir';
import { ServerOutput } from './server-output';
import {
  initdbFlags,
  OWNER_ROLE,
  pickLocale,
  postgresFlags,
  socketUrl,
  SUPERUSER,
  tcpUrl,
} from './server-settings';

export interface EmbeddedDatabaseOptions {
  /** Where the cluster lives, kept across runs. Default: defaultDataDir(). */
  readonly dataDir?: string;
  /** The loopback TCP port. Default: a free one. */
  readonly port?: number;
  /** Lines for a person: what was initialised, started, migrated. Never a credential. */
  readonly log: (line: string) => void;
  /** Where the default data dir reads XDG_DATA_HOME from (only entry points read process.env). */
  readonly env?: Env;
}

export interface EmbeddedDatabase {
  /** As APP_ROLE (RLS applies) over 127.0.0.1, with this run's password: what the services use. */
  readonly serviceUrl: string;
  /** As the owner over the private unix socket in the data dir (trust; only its OS owner and root get in). */
  readonly ownerUrl: string;
  readonly dataDir: string;
  readonly port: number;
  /** Fast shutdown; resolves once the server has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 30_000;

/**
 * Starts the embedded Postgres on `dataDir` — initialising it on the first run, reusing it
 * (history and all) afterwards — creates the `palisade` database, its owner and, through the
 * real migrations, APP_ROLE, exactly as production has them. As root the server runs as the
 * `postgres` OS user (Postgres refuses root), which is created if missing.
 *
 * Access: the superuser and the owner only over the unix socket in the data dir (trust: the
 * directory is 0700, so the filesystem is the authentication); APP_ROLE over 127.0.0.1 with a
 * fresh random password each run, held in memory only. No secret is written to disk.
 */
export async function openEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const { log } = options;
  const uid = process.getuid?.();
  const asRoot = uid === 0;
  const dataDir = resolve(
    options.dataDir ?? defaultDataDir({ uid, home: homedir(), env: options.env ?? {} }),
  );

  const serverUser = asRoot ? await findServerUser() : undefined;
  const createUser = asRoot && !serverUser;
  if (createUser) {
    log(
      'no postgres OS user: creating one (groupadd, useradd) to run the server as, since Postgres refuses to run as root',
    );
  }
  if (asRoot) await prepareRootDataDir(dataDir, serverUser);
  else await prepareUserDataDir(dataDir);

  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  if (initialised) await handleLeftoverLock(dataDir, log);
  else await assertEmpty(dataDir);

  const socketProblem = socketPathProblem(dataDir, process.platform);
  if (socketProblem) {
    throw new EmbeddedDatabaseError(EmbeddedDatabaseErrorCode.SOCKET_PATH_TOO_LONG, socketProblem);
  }

  const output = new ServerOutput();
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const settings: Partial<EmbeddedPostgresOptions> = {
    databaseDir: dataDir,
    user: SUPERUSER,
    // initdb needs one; it is removed after the start (see setUpDatabase), so it is never stored.
    password: randomBytes(24).toString('base64url'),
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: initdbFlags(pickLocale(installedLocales())),
    postgresFlags: postgresFlags(dataDir),
    createPostgresUser: createUser,
    onLog: (chunk) => output.add(chunk),
    onError: (error) => output.add(error instanceof Error ? error.message : String(error)),
  };

  const initStarted = performance.now();
  if (!initialised) await initialise(new EmbeddedPostgres(settings), output, dataDir, createUser);
  const initSeconds = secondsSince(initStarted);

  const started = performance.now();
  const port = await startServer(
    (port) => new EmbeddedPostgres({ ...settings, port }),
    options.port,
    output,
    dataDir,
  );
  const startSeconds = secondsSince(started);
  const pid = await serverPid(dataDir);
  const stop = stopper(pid);
  try {
    const version = await setUpDatabase(dataDir, port);
    const did = initialised ? `reusing ${dataDir}` : `initialised ${dataDir} in ${initSeconds} s`;
    const who = asRoot ? ' (running as root: the server runs as the postgres user)' : '';
    log(`embedded Postgres ${version}: ${did}${who}`);
    log(`started on 127.0.0.1:${port} in ${startSeconds} s`);

    const appPassword = randomBytes(32).toString('base64url');
    const ownerUrl = socketUrl(OWNER_ROLE, dataDir, port);
    const migrating = performance.now();
    const applied = await migrate(ownerUrl, appPassword);
    log(
      applied.length === 0
        ? 'migrations: up to date'
        : `migrations: ${applied.length} applied in ${secondsSince(migrating)} s`,
    );
    return { serviceUrl: tcpUrl(APP_ROLE, appPassword, port), ownerUrl, dataDir, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const START_ATTEMPTS = 3;

/**
 * Starts the server (an embedded-postgres instance per port: the port is a constructor
 * option) and returns its port. A port picked free can be taken before the server binds it:
 * then another is picked. A requested port is tried once.
 */
async function startServer(
  serverOn: (port: number) => EmbeddedPostgresServer,
  requested: number | undefined,
  output: ServerOutput,
  dataDir: string,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = requested ?? (await freeLoopbackPort());
    output.clear();
    try {
      await serverOn(port).start();
      return port;
    } catch (error) {
      if (requested === undefined && attempt < START_ATTEMPTS && output.portTaken()) continue;
      // embedded-postgres rejects with nothing when the server exits before it is ready.
      const said = output.problem() ?? (error instanceof Error ? oneLine(error) : undefined);
      throw new EmbeddedDatabaseError(
        EmbeddedDatabaseErrorCode.START_FAILED,
        `embedded Postgres did not start on ${dataDir}: ${said ?? 'it exited without a message'}`,
      );
    }
  }
}

async function initialise(
  server: EmbeddedPostgresServer,
  output: ServerOutput,
  dataDir: string,
  createUser: boolean,
): Promise<void> {
  try {
    await server.initialise();
  } catch (error) {
    const said = output.problem() ?? oneLine(error);
    if (createUser && !(await findServerUser())) {
      throw new EmbeddedDatabaseError(
        EmbeddedDatabaseErrorCode.SERVER_USER_FAILED,
        `could not create the postgres OS user to run the server as (Postgres refuses to run as root): ${said}`,
      );
    }
    throw new EmbeddedDatabaseError(
      EmbeddedDatabaseErrorCode.INITDB_FAILED,
      `initdb failed for ${dataDir}: ${said}`,
    );
  }
}

/** A postmaster.pid from an earlier run: refuse a live server, let Postgres recover from a crash. */
async function handleLeftoverLock(dataDir: string, log: (line: string) => void): Promise<void> {
  const lockFile = join(dataDir, 'postmaster.pid');
  const content = await readFile(lockFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  // An unreadable or half-written lock is Postgres' to judge (it says what to do, START_FAILED).
  const lock = content === undefined ? undefined : parsePostmasterLock(content);
  if (!lock) return;
  const verdict = judgeLock(dataDir, lock, await lockHolder(lock.pid, process.platform));
  if (verdict.kind === 'in-use') {
    throw new EmbeddedDatabaseError(EmbeddedDatabaseErrorCode.DATA_DIR_IN_USE, verdict.message);
  }
  if (verdict.remove) await unlink(lockFile);
  log(verdict.note);
}

async function assertEmpty(dataDir: string): Promise<void> {
  if ((await readdir(dataDir)).length === 0) return;
  throw new EmbeddedDatabaseError(
    EmbeddedDatabaseErrorCode.DATA_DIR_UNUSABLE,
    `the data dir ${dataDir} holds files but no Postgres cluster (no PG_VERSION): use an empty or new directory`,
  );
}

/** The postmaster's pid: the process embedded-postgres spawned, named by its lock file. */
async function serverPid(dataDir: string): Promise<number> {
  const lock = parsePostmasterLock(await readFile(join(dataDir, 'postmaster.pid'), 'utf8'));
  if (!lock) throw new Error(`no pid in ${join(dataDir, 'postmaster.pid')} after the start`);
  return lock.pid;
}

/**
 * Stops the server by pid: SIGINT is Postgres' fast shutdown (what pg_ctl -m fast sends), and
 * SIGQUIT its immediate one if that hangs. embedded-postgres' own stop() would wait forever
 * for a server that already died. Until stop() is called, a process exit sends SIGINT too, so
 * a CLI that exits on an error does not leave the data dir locked by an orphaned server.
 */
function stopper(pid: number): () => Promise<void> {
  const onExit = (): void => {
    signal(pid, 'SIGINT');
  };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      process.removeListener('exit', onExit);
      if (!isAlive(pid)) return;
      signal(pid, 'SIGINT');
      if (await exited(pid, STOP_WAIT_MS)) return;
      signal(pid, 'SIGQUIT');
      await exited(pid, STOP_WAIT_MS);
    })();
    return stopping;
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (isAlive(pid)) {
    if (performance.now() > deadline) return false;
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 25));
  }
  return true;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

/** `locale -a`; none where it is missing (initdb then gets the C locale). */
function installedLocales(): string[] {
  try {
    return execFileSync('locale', ['-a'], { encoding: 'utf8' }).split('\n');
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function secondsSince(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
