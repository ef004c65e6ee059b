import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { listPendingMigrations, runMigrations, schemaDrift } from '../data-source/migration-runner';
import { APP_ROLE } from '../roles/database-roles';
import { scramSha256Verifier } from '../roles/scram-verifier';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { main as checkPendingMain } from './check-pending';
import { MIGRATIONS } from './index';

const silent = () => jest.spyOn(console, 'error').mockImplementation(() => undefined);

describe('migrations on the real Postgres', () => {
  let db: TestDatabase;
  let owner: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    owner = await createDataSource({ url: db.ownerUrl, role: 'owner' }).initialize();
  });

  afterAll(async () => {
    await owner?.destroy();
    await db?.drop();
  });

  it('should list every migration as pending on an empty database, and check-pending should exit 1', async () => {
    expect(await listPendingMigrations(owner)).toEqual(MIGRATIONS.map((m) => m.name));
    const errors = silent();
    expect(await checkPendingMain([db.ownerUrl], {})).toBe(1);
    expect(errors).toHaveBeenCalledWith(`pending migration: ${MIGRATIONS[0]?.name}`);
  });

  it('should apply every migration as the non-superuser owner, and a second run should find none pending', async () => {
    expect(await runMigrations(owner)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await runMigrations(owner)).toEqual([]);
    expect(await listPendingMigrations(owner)).toEqual([]);
  });

  it('should leave a schema that matches the entities, so check-pending exits 0', async () => {
    expect(await schemaDrift(owner)).toEqual([]);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await checkPendingMain([], { DATABASE_MIGRATIONS_URL: db.ownerUrl })).toBe(0);
    expect(log).toHaveBeenCalledWith('migrations: none pending, schema matches the entities');
  });

  it('should serialise concurrent runs so that exactly one applies the migrations', async () => {
    const other = await createTestDatabase({ migrate: false });
    const replicas = await Promise.all(
      [1, 2].map(() => createDataSource({ url: other.ownerUrl, role: 'owner' }).initialize()),
    );
    try {
      const results = await Promise.all(replicas.map((replica) => runMigrations(replica)));
      expect(results.map((applied) => applied.length).sort()).toEqual([0, MIGRATIONS.length]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
      await other.drop();
    }
  });

  it('should revert every migration and apply them again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++)
      await owner.undoLastMigration({ transaction: 'each' });
    expect(await listPendingMigrations(owner)).toHaveLength(MIGRATIONS.length);
    const tables: { n: number }[] = await owner.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('tenants', 'outbox')`,
    );
    expect(tables[0]?.n).toBe(0);
    expect(await runMigrations(owner)).toHaveLength(MIGRATIONS.length);
    expect(await schemaDrift(owner)).toEqual([]);
  });

  it('should make check-pending exit 1 when the entities and the schema disagree', async () => {
    const drifted = await createTestDatabase();
    const client = new Client({ connectionString: drifted.ownerUrl });
    await client.connect();
    try {
      await client.query('ALTER TABLE outbox DROP COLUMN headers');
      const errors = silent();
      expect(await checkPendingMain([drifted.ownerUrl], {})).toBe(1);
      expect(errors).toHaveBeenCalledWith(
        expect.stringMatching(/^entities differ from the schema.*"headers"/),
      );
    } finally {
      await client.end();
      await drifted.drop();
    }
  });

  it('should set the app role password as a SCRAM verifier of the given password', async () => {
    const password = 'integration-test-password-1';
    const superuser = new Client({ connectionString: db.superUrl });
    await superuser.connect();
    try {
      await runMigrations(owner, { appRolePassword: password });
      const { rows } = await superuser.query<{ rolpassword: string }>(
        'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
        [APP_ROLE],
      );
      const stored = rows[0]?.rolpassword ?? '';
      const salt = Buffer.from(/^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(stored)?.[1] ?? '', 'base64');
      expect(stored).toBe(scramSha256Verifier(password, salt));
    } finally {
      await superuser.query(`ALTER ROLE ${APP_ROLE} PASSWORD NULL`);
      await superuser.end();
    }
  });
});
