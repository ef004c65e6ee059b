import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, escapeIdentifier } from 'pg';
import { createDataSource } from '../data-source/data-source-options';
import { runMigrations } from '../data-source/migration-runner';
import { advisoryLockKey } from '../locking/advisory-lock';
import { APP_ROLE } from '../roles/database-roles';

/** The non-superuser owner that runs the migrations in tests (CREATEROLE, owns each test database). */
export const TEST_OWNER_ROLE = 'palisade_owner';

export interface TestDatabaseServer {
  host: string;
  port: number;
  /** A superuser reachable with trust authentication on loopback. */
  superuser: string;
}

export interface TestDatabaseOptions extends Partial<TestDatabaseServer> {
  /** Apply the real migrations (from a migrated template). Default true; false gives an empty database. */
  migrate?: boolean;
}

export interface TestDatabase {
  name: string;
  superUrl: string;
  /** As TEST_OWNER_ROLE: the migration owner. */
  ownerUrl: string;
  /** As APP_ROLE: what the services connect as. */
  serviceUrl: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * For integration tests: a fresh database on the real Postgres (PALISADE_PG_HOST /
 * PALISADE_PG_PORT / PALISADE_PG_SUPERUSER, default 127.0.0.1:55432 postgres), owned by
 * TEST_OWNER_ROLE and migrated by it with the real migrations. The migrated state is built once
 * per version of this lib as a template database (serialised across processes by an advisory
 * lock), so each further database is a `CREATE DATABASE … TEMPLATE` copy.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = { ...serverFromEnv(), ...definedOnly(options) };
  const name = `palisade_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(server, async (admin) => {
    const template = options.migrate === false ? undefined : await ensureTemplate(admin, server);
    await ensureOwnerRole(admin);
    const from = template ? ` TEMPLATE ${escapeIdentifier(template)}` : '';
    await retryWhileInUse(() =>
      admin.query(`CREATE DATABASE ${escapeIdentifier(name)} OWNER ${TEST_OWNER_ROLE}${from}`),
    );
  });
  return {
    name,
    superUrl: databaseUrl(server, server.superuser, name),
    ownerUrl: databaseUrl(server, TEST_OWNER_ROLE, name),
    serviceUrl: databaseUrl(server, APP_ROLE, name),
    drop: () =>
      withAdmin(server, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}

function serverFromEnv(): TestDatabaseServer {
  // eslint-disable-next-line no-restricted-syntax -- test harness: the deps scripts publish the server through env
  const env = process.env;
  return {
    host: env['PALISADE_PG_HOST'] || '127.0.0.1',
    port: Number(env['PALISADE_PG_PORT'] || 55432),
    superuser: env['PALISADE_PG_SUPERUSER'] || 'postgres',
  };
}

function definedOnly(options: TestDatabaseOptions): Partial<TestDatabaseServer> {
  const { host, port, superuser } = options;
  return Object.fromEntries(
    Object.entries({ host, port, superuser }).filter(([, v]) => v !== undefined),
  );
}

function databaseUrl(server: TestDatabaseServer, user: string, database: string): string {
  return `postgres://${encodeURIComponent(user)}@${server.host}:${server.port}/${encodeURIComponent(database)}`;
}

async function withAdmin<T>(
  server: TestDatabaseServer,
  fn: (admin: Client) => Promise<T>,
): Promise<T> {
  const admin = new Client({
    host: server.host,
    port: server.port,
    user: server.superuser,
    database: 'postgres',
  });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function ensureOwnerRole(admin: Client): Promise<void> {
  await admin.query(`
    DO $$ BEGIN
      CREATE ROLE ${TEST_OWNER_ROLE} LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}

/** The migrated template for the current sources of this lib: built if missing, stale ones dropped. */
async function ensureTemplate(admin: Client, server: TestDatabaseServer): Promise<string> {
  const template = `palisade_tmpl_${sourceFingerprint().slice(0, 16)}`;
  const building = `${template}_building`;
  const key = advisoryLockKey('test-database-template').toString();
  await admin.query('SELECT pg_advisory_lock($1::bigint)', [key]);
  try {
    const found = await admin.query(
      'SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate',
      [template],
    );
    if (found.rowCount) return template;
    await ensureOwnerRole(admin);
    await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(building)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${escapeIdentifier(building)} OWNER ${TEST_OWNER_ROLE}`);
    const dataSource = createDataSource({
      url: databaseUrl(server, TEST_OWNER_ROLE, building),
      role: 'owner',
      poolSize: 2,
    });
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
    await retryWhileInUse(() =>
      admin.query(
        `ALTER DATABASE ${escapeIdentifier(building)} RENAME TO ${escapeIdentifier(template)}`,
      ),
    );
    await admin.query(`ALTER DATABASE ${escapeIdentifier(template)} IS_TEMPLATE true`);
    await dropStaleTemplates(admin, template);
    return template;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
  }
}

async function dropStaleTemplates(admin: Client, keep: string): Promise<void> {
  const stale = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'palisade\\_tmpl\\_%' AND datname <> $1`,
    [keep],
  );
  for (const { datname } of stale.rows) {
    try {
      await admin.query(`ALTER DATABASE ${escapeIdentifier(datname)} IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${escapeIdentifier(datname)} WITH (FORCE)`);
    } catch {
      // best effort: another checkout's test run may be copying it right now
    }
  }
}

/** A hash of this lib's non-test sources: a change to a migration (or what it uses) builds a new template. */
function sourceFingerprint(): string {
  const root = resolve(__dirname, '..');
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        /\.(ts|js)$/.test(entry.name) &&
        !/\.(spec|int-spec|e2e-spec)\.(ts|js)$/.test(entry.name)
      ) {
        hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
      }
    }
  };
  walk(root);
  return hash.digest('hex');
}

/** CREATE DATABASE … TEMPLATE and RENAME fail while a just-closed connection is still exiting. */
async function retryWhileInUse<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const inUse = (error as { code?: string }).code === '55006';
      if (!inUse || attempt >= 50) throw error;
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    }
  }
}
