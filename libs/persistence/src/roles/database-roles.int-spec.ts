import { type DataSource } from 'typeorm';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { openTestDataSources, type TestDataSources } from '../testing/test-data-sources';
import { APP_ROLE } from './database-roles';
import { assertServiceRole } from './service-role-check';

describe('database roles', () => {
  let sources: TestDataSources;
  let service: DataSource;
  let owner: DataSource;

  beforeAll(async () => {
    sources = await openTestDataSources();
    ({ service, owner } = sources);
  });

  afterAll(() => sources?.close());

  it('should connect the services as the app role: not superuser, no BYPASSRLS, not the owner of any table', async () => {
    const [me] = await service.query<
      { role: string; rolsuper: boolean; rolbypassrls: boolean; owned: number; tables: number }[]
    >(
      `SELECT current_user AS role, rolsuper, rolbypassrls,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(me).toMatchObject({ role: APP_ROLE, rolsuper: false, rolbypassrls: false, owned: 0 });
    expect(me?.tables).toBeGreaterThanOrEqual(3);
    await expect(assertServiceRole(service)).resolves.toBeUndefined();
  });

  it('should refuse the owner as a service connection because it would bypass RLS', async () => {
    const error = await assertServiceRole(owner).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: PersistenceErrorCode.UNSAFE_DATABASE_ROLE });
    expect((error as Error).message).toMatch(/member of palisade_operator.*owns tables/);
  });

  it('should have ENABLE and FORCE ROW LEVEL SECURITY and a tenant policy on every tenant table', async () => {
    const tables: {
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      policies: string[];
    }[] = await service.query(`
        SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
               coalesce(array_agg(p.polname::text ORDER BY p.polname) FILTER (WHERE p.polname IS NOT NULL), '{}')::text[] AS policies
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          LEFT JOIN pg_policy p ON p.polrelid = c.oid
         WHERE c.relkind = 'r'
           AND (c.relname = 'tenants'
                OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
         GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity
         ORDER BY c.relname`);
    expect(tables.map((t) => t.relname)).toEqual(expect.arrayContaining(['outbox', 'tenants']));
    for (const table of tables) {
      expect(table).toEqual({
        relname: table.relname,
        relrowsecurity: true,
        relforcerowsecurity: true,
        policies: ['operator_bypass', 'tenant_isolation'],
      });
    }
  });

  it('should deny the app role the migrations table and writes to outbox rows', async () => {
    await expect(service.query('SELECT * FROM migrations')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(service.query('UPDATE outbox SET published_at = now()')).rejects.toMatchObject({
      code: '42501',
    });
    await expect(service.query('DELETE FROM outbox')).rejects.toMatchObject({ code: '42501' });
  });

  it('should not let the app role turn row security off or become the operator', async () => {
    await expect(
      service.query('ALTER TABLE tenants NO FORCE ROW LEVEL SECURITY'),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(service.query('SET ROLE palisade_operator')).rejects.toMatchObject({
      code: '42501',
    });
  });
});
