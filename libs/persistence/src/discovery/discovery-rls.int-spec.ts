import { randomUUID } from 'node:crypto';
import { type TenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import {
  AccountEntity,
  InspectorWatermarkEntity,
  OrganizationalUnitEntity,
  ScanEntity,
  ScanJobEntity,
  ScheduleEntity,
  SourceEntity,
  TenantSettingsEntity,
} from './index';
import {
  createSource,
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
} from './test/discovery-fixtures';

const TABLES = [
  'tenant_settings',
  'sources',
  'organizational_units',
  'accounts',
  'schedules',
  'scans',
  'scan_jobs',
  'inspector_watermarks',
] as const;
type Table = (typeof TABLES)[number];

const RLS_VIOLATION = { code: '42501' };
const FK_VIOLATION = { code: '23503' };

describe('row-level security of every discovery table, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let A: TenantId;
  let B: TenantId;

  /** One row of `table` belonging to `tenant`, read through the owner (operator bypass). */
  async function rowOf(table: Table, tenant: TenantId): Promise<Record<string, unknown>> {
    const [found] = await context.owner.query<{ row: Record<string, unknown> }[]>(
      `SELECT to_jsonb(t) AS row FROM public.${table} t WHERE tenant_id = $1 LIMIT 1`,
      [tenant],
    );
    if (!found) throw new Error(`no ${table} fixture for ${tenant}`);
    return found.row;
  }

  const count = (table: Table, tenant: TenantId) =>
    withTenant(context.service, tenant, async (m) => {
      const [row] = await m.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM public.${table}`,
      );
      return row?.n ?? 0;
    });

  /** Inserts `row` (a to_jsonb image) into `table` in `tenant`'s transaction. */
  const insertAs = (tenant: TenantId, table: Table, row: Record<string, unknown>) =>
    withTenant(context.service, tenant, (m) =>
      m.query(
        `INSERT INTO public.${table} SELECT * FROM jsonb_populate_record(NULL::public.${table}, $1::jsonb)`,
        [JSON.stringify(row)],
      ),
    );

  beforeAll(async () => {
    context = await openDiscoveryTestContext();
    A = await createTenant(context.service, 'tenant-a');
    B = await createTenant(context.service, 'tenant-b');
    // One row in every table, for each tenant, through the repositories.
    for (const tenant of [A, B]) {
      const source = await createSource(context, tenant);
      await context.run(tenant, async (r) => {
        await r.tenantSettings.ensure(tenant);
        await r.accounts.upsertInventory(
          tenant,
          source.id,
          [{ accountId: '123456789012', name: 'prod', state: 'ACTIVE', ouId: 'r-ab12' }],
          [{ ouId: 'r-ab12', name: 'Root', parentId: null, path: '/Root' }],
          new Date(),
        );
        await r.schedules.create(tenant, {
          sourceId: source.id,
          name: 'nightly',
          cron: '0 2 * * *',
          timeZone: 'UTC',
          nextRunAt: new Date(Date.now() + 3_600_000),
        });
        const { scan } = await r.scans.insertQueued(tenant, {
          sourceId: source.id,
          trigger: { kind: 'api' },
        });
        await r.scanJobs.insertJobs(tenant, scan.id, [
          { scope: 'account', accountId: '123456789012' },
        ]);
        await r.inspectorWatermarks.upsert(tenant, [
          { accountId: '123456789012', region: 'eu-west-1', watermark: new Date() },
        ]);
      });
    }
  });

  afterAll(async () => {
    await context?.close();
  });

  it('should cover the table of every discovery entity', () => {
    const entityTables = [
      TenantSettingsEntity,
      SourceEntity,
      OrganizationalUnitEntity,
      AccountEntity,
      ScheduleEntity,
      ScanEntity,
      ScanJobEntity,
      InspectorWatermarkEntity,
    ].map((entity) => context.service.getMetadata(entity).tableName);
    expect([...entityTables].sort()).toEqual([...TABLES].sort());
  });

  it.each(TABLES)(
    '%s: should have ENABLE and FORCE RLS with both policies, and tenant_id first in every index',
    async (table) => {
      const [rls] = await context.service.query<
        { relrowsecurity: boolean; relforcerowsecurity: boolean; policies: string[] }[]
      >(
        `SELECT c.relrowsecurity, c.relforcerowsecurity,
              array(SELECT polname::text FROM pg_policy WHERE polrelid = c.oid ORDER BY 1) AS policies
         FROM pg_class c WHERE c.oid = $1::regclass`,
        [`public.${table}`],
      );
      expect(rls).toEqual({
        relrowsecurity: true,
        relforcerowsecurity: true,
        policies: ['operator_bypass', 'tenant_isolation'],
      });
      const indexes = await context.service.query<{ name: string; first: string }[]>(
        `SELECT i.indexrelid::regclass::text AS name, a.attname AS first
         FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = $1::regclass`,
        [`public.${table}`],
      );
      // Exceptions: uuid primary keys (globally unique), and the cross-tenant due-schedules index.
      const exempt = new Set([
        'sources_pkey',
        'accounts_pkey',
        'schedules_pkey',
        'scans_pkey',
        'scan_jobs_pkey',
        'schedules_due_idx',
      ]);
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.filter((i) => !exempt.has(i.name) && i.first !== 'tenant_id')).toEqual([]);
    },
  );

  it.each(TABLES)(
    "%s: should show tenant A none of tenant B's rows, and nothing without a tenant",
    async (table) => {
      expect(await count(table, A)).toBeGreaterThan(0);
      expect(await count(table, B)).toBeGreaterThan(0);
      const visibleToA = await withTenant(context.service, A, (m) =>
        m.query<{ tenant_id: string }[]>(`SELECT DISTINCT tenant_id FROM public.${table}`),
      );
      expect(visibleToA).toEqual([{ tenant_id: A }]);
      expect(await context.service.query(`SELECT * FROM public.${table}`)).toEqual([]);
    },
  );

  it.each(TABLES)('%s: should refuse tenant A inserting a row of tenant B', async (table) => {
    const row = { ...(await rowOf(table, B)) };
    if ('id' in row) row['id'] = randomUUID();
    await expect(insertAs(A, table, row)).rejects.toMatchObject(RLS_VIOLATION);
  });

  it.each(TABLES)(
    "%s: should not let tenant A update, re-tenant or delete tenant B's rows",
    async (table) => {
      const before = await count(table, B);
      const rollback = new Error('roll back');
      await expect(
        withTenant(context.service, A, async (m) => {
          const [updated] = await m.query<[{ tenant_id: string }[], number]>(
            `UPDATE public.${table} SET tenant_id = tenant_id WHERE tenant_id = $1 RETURNING tenant_id`,
            [B],
          );
          const [deleted] = await m.query<[unknown[], number]>(
            `DELETE FROM public.${table} WHERE tenant_id = $1 RETURNING 1`,
            [B],
          );
          expect(updated).toEqual([]);
          expect(deleted).toEqual([]);
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      await expect(
        withTenant(context.service, A, (m) =>
          m.query(`UPDATE public.${table} SET tenant_id = $1`, [B]),
        ),
      ).rejects.toMatchObject(RLS_VIOLATION);
      expect(await count(table, B)).toBe(before);
    },
  );

  it.each(['organizational_units', 'accounts', 'schedules', 'scans', 'scan_jobs'] as const)(
    "%s: should refuse a row of tenant A pointing at tenant B's source or scan",
    async (table) => {
      const row = { ...(await rowOf(table, B)), tenant_id: A };
      if ('id' in row) row['id'] = randomUUID();
      await expect(insertAs(A, table, row)).rejects.toMatchObject(FK_VIOLATION);
    },
  );

  it("should delete every discovery row of a tenant with the tenant, and only that tenant's", async () => {
    const C = await createTenant(context.service, 'tenant-c');
    const source = await createSource(context, C);
    await context.run(C, async (r) => {
      await r.tenantSettings.ensure(C);
      await r.scans.insertQueued(C, { sourceId: source.id, trigger: { kind: 'cli' } });
    });
    await withTenant(context.service, C, (m) =>
      m.query('DELETE FROM public.tenants WHERE id = $1', [C]),
    );
    const [left] = await context.owner.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM public.sources WHERE tenant_id = $1)
            + (SELECT count(*) FROM public.scans WHERE tenant_id = $1)
            + (SELECT count(*) FROM public.tenant_settings WHERE tenant_id = $1) AS n`,
      [C],
    );
    expect(Number(left?.n)).toBe(0);
    expect(await count('sources', B)).toBe(1);
  });
});
