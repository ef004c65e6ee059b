import { createTestDatabase, type TestDatabase } from '@palisade/persistence';
import { Client } from 'pg';
import { DELETION_ORDER, NOT_TENANT_DATA, TENANT_TABLES } from './tenant-tables';

describe('the tenant tables of the export and the deletion', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.superUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('should list every table with a tenant_id column, or say why it is not tenant data', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id'
        ORDER BY table_name`,
    );
    const inDatabase = rows.map((r) => r.table_name);
    const covered = [...TENANT_TABLES.map((t) => t.name), ...NOT_TENANT_DATA]
      .filter((name) => name !== 'tenants')
      .sort();
    expect(covered).toEqual(inDatabase);
  });

  it('should name only columns that exist among the omitted secrets', async () => {
    for (const table of TENANT_TABLES) {
      for (const column of table.omit) {
        const { rowCount } = await client.query(
          `SELECT 1 FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
          [table.name, column],
        );
        expect({ table: table.name, column, exists: rowCount === 1 }).toEqual({
          table: table.name,
          column,
          exists: true,
        });
      }
    }
  });

  it('should delete children before the tables their foreign keys reference', async () => {
    const { rows } = await client.query<{ child: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
          AND c.conrelid <> c.confrelid`,
    );
    const position = new Map(DELETION_ORDER.map((t, i) => [t.name, i]));
    const tenantEdges = rows
      .map((r) => ({
        child: r.child.replace(/^public\./, ''),
        parent: r.parent.replace(/^public\./, ''),
      }))
      .filter((e) => position.has(e.child) && position.has(e.parent));
    expect(tenantEdges.length).toBeGreaterThan(5);
    for (const edge of tenantEdges) {
      expect({
        ...edge,
        childFirst: position.get(edge.child)! < position.get(edge.parent)!,
      }).toEqual({ ...edge, childFirst: true });
    }
  });
});
