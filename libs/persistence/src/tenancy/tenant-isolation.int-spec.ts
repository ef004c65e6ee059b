import { randomUUID } from 'node:crypto';
import { type DataSource, type QueryRunner } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { listAllTenants } from './tenant-directory';
import { parseTenantId, type TenantId } from './tenant-id';
import { enableTenantRls } from './tenant-rls';
import { setTenant, withTenant, withTenantGroups } from './tenant-transaction';
import { TenantEntity } from './tenant.entity';

const RLS_VIOLATION = { code: '42501' };

describe('tenant isolation, connected as the service role', () => {
  const A = parseTenantId(randomUUID());
  const B = parseTenantId(randomUUID());
  let db: TestDatabase;
  let service: DataSource;

  const widgets = (ds: DataSource) => ds.query('SELECT tenant_id, label FROM widgets ORDER BY id');

  beforeAll(async () => {
    db = await createTestDatabase();
    // A tenant table created the way a later migration would: by the owner, with enableTenantRls.
    const owner = await createDataSource({
      url: db.ownerUrl,
      role: 'owner',
      poolSize: 1,
    }).initialize();
    const runner: QueryRunner = owner.createQueryRunner();
    await runner.query(
      'CREATE TABLE widgets (id serial PRIMARY KEY, tenant_id uuid NOT NULL, label text NOT NULL)',
    );
    await enableTenantRls(runner, 'widgets');
    await runner.release();
    await owner.destroy();

    service = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 1,
    }).initialize();
    for (const [id, slug] of [
      [A, 'tenant-a'],
      [B, 'tenant-b'],
    ] as const) {
      // Onboarding: the operator picks the id and inserts the row under that tenant.
      await withTenant(service, id, async (manager) => {
        await manager.insert(TenantEntity, { id, slug, name: slug.toUpperCase() });
        await manager.query('INSERT INTO widgets (tenant_id, label) VALUES ($1, $2)', [
          id,
          `${slug} widget`,
        ]);
      });
    }
  });

  afterAll(async () => {
    await service?.destroy();
    await db?.drop();
  });

  it("should hide tenant B's rows when tenant A is set", async () => {
    const seen = await withTenant(service, A, async (manager) => ({
      tenants: await manager.find(TenantEntity),
      widgets: await manager.query<{ tenant_id: string; label: string }[]>(
        'SELECT tenant_id, label FROM widgets',
      ),
      byId: await manager.findOneBy(TenantEntity, { id: B }),
    }));
    expect(seen.tenants.map((t) => t.id)).toEqual([A]);
    expect(seen.widgets).toEqual([{ tenant_id: A, label: 'tenant-a widget' }]);
    expect(seen.byId).toBeNull();
  });

  it('should refuse to insert a row for tenant B when tenant A is set', async () => {
    await expect(
      withTenant(service, A, (manager) =>
        manager.query('INSERT INTO widgets (tenant_id, label) VALUES ($1, $2)', [B, 'x']),
      ),
    ).rejects.toMatchObject(RLS_VIOLATION);
    await expect(
      withTenant(service, A, (manager) =>
        manager.insert(TenantEntity, { id: parseTenantId(randomUUID()), slug: 'c', name: 'C' }),
      ),
    ).rejects.toMatchObject(RLS_VIOLATION);
  });

  it("should refuse to move tenant A's row to tenant B", async () => {
    await expect(
      withTenant(service, A, (manager) => manager.query('UPDATE widgets SET tenant_id = $1', [B])),
    ).rejects.toMatchObject(RLS_VIOLATION);
  });

  it("should not let tenant A update or delete tenant B's rows", async () => {
    const rollback = new Error('roll back, keep the fixture');
    await expect(
      withTenant(service, A, async (manager) => {
        const [updated]: [{ tenant_id: string }[], number] = await manager.query(
          'UPDATE widgets SET label = label RETURNING tenant_id',
        );
        const [deleted]: [unknown[], number] = await manager.query(
          'DELETE FROM widgets WHERE tenant_id = $1 RETURNING id',
          [B],
        );
        const [deletedTenants]: [unknown[], number] = await manager.query(
          'DELETE FROM tenants WHERE id = $1 RETURNING id',
          [B],
        );
        expect(updated).toEqual([{ tenant_id: A }]);
        expect(deleted).toEqual([]);
        expect(deletedTenants).toEqual([]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await withTenant(service, B, (m) => m.query('SELECT label FROM widgets'))).toEqual([
      { label: 'tenant-b widget' },
    ]);
  });

  it('should see no rows at all and insert nothing when no tenant is set', async () => {
    expect(await widgets(service)).toEqual([]);
    expect(await service.getRepository(TenantEntity).find()).toEqual([]);
    await service.transaction(async (manager) => {
      expect(await manager.query('SELECT * FROM widgets')).toEqual([]);
    });
    await expect(
      service.query('INSERT INTO widgets (tenant_id, label) VALUES ($1, $2)', [A, 'x']),
    ).rejects.toMatchObject(RLS_VIOLATION);
  });

  it('should not carry the tenant over to the next use of the pooled connection', async () => {
    // poolSize 1: the next query runs on the very connection that had tenant A set.
    await withTenant(service, A, () => Promise.resolve());
    expect(await widgets(service)).toEqual([]);
    const [row] = await service.query<{ setting: string }[]>(
      `SELECT current_setting('app.tenant_id', true) AS setting`,
    );
    expect(row?.setting).toBe('');
  });

  it('should roll back the work when the function throws', async () => {
    await expect(
      withTenant(service, A, async (manager) => {
        await manager.query('INSERT INTO widgets (tenant_id, label) VALUES ($1, $2)', [
          A,
          'rolled back',
        ]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      await withTenant(service, A, (m) =>
        m.query(`SELECT 1 FROM widgets WHERE label = 'rolled back'`),
      ),
    ).toEqual([]);
  });

  it('should reject a tenant id that is not a UUID before opening a transaction', async () => {
    const fn = jest.fn();
    await expect(withTenant(service, "x' OR true --", fn)).rejects.toMatchObject({
      code: PersistenceErrorCode.INVALID_TENANT_ID,
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('should refuse setTenant outside a transaction, where it would do nothing', async () => {
    await expect(setTenant(service.manager, A)).rejects.toMatchObject({
      code: PersistenceErrorCode.NOT_IN_TRANSACTION,
    });
  });

  it("should set each group's tenant in one transaction for a batch that spans tenants", async () => {
    const batch = [
      { tenant: A, label: 'a1' },
      { tenant: B, label: 'b1' },
      { tenant: A, label: 'a2' },
    ];
    const results = await withTenantGroups(
      service,
      batch,
      (m) => m.tenant,
      async (manager, tenantId: TenantId, items) => {
        for (const item of items) {
          await manager.query('INSERT INTO widgets (tenant_id, label) VALUES ($1, $2)', [
            tenantId,
            item.label,
          ]);
        }
        const [session] = await manager.query<{ current: string; backend: number }[]>(
          `SELECT current_setting('app.tenant_id') AS current, pg_backend_pid() AS backend`,
        );
        const visible = await manager.query<{ label: string }[]>(
          'SELECT label FROM widgets ORDER BY id',
        );
        return {
          current: session?.current,
          backend: session?.backend,
          visible: visible.map((v) => v.label),
        };
      },
    );
    expect(results.map((r) => [r.tenantId, r.items.map((i) => i.label), r.result.current])).toEqual(
      [
        [A, ['a1', 'a2'], A],
        [B, ['b1'], B],
      ],
    );
    expect(results[0]?.result.visible).toEqual(['tenant-a widget', 'a1', 'a2']);
    expect(results[1]?.result.visible).toEqual(['tenant-b widget', 'b1']);
    expect(new Set(results.map((r) => r.result.backend)).size).toBe(1);
  });

  it('should roll back every group when one group fails', async () => {
    await expect(
      withTenantGroups(
        service,
        [A, B],
        (t) => t,
        async (manager, tenantId) => {
          await manager.query('INSERT INTO widgets (tenant_id, label) VALUES ($1, $2)', [
            tenantId,
            'doomed',
          ]);
          if (tenantId === B) throw new Error('second group fails');
        },
      ),
    ).rejects.toThrow('second group fails');
    expect(
      await withTenant(service, A, (m) => m.query(`SELECT 1 FROM widgets WHERE label = 'doomed'`)),
    ).toEqual([]);
  });

  it('should list every tenant through the operator bypass, whatever tenant is set', async () => {
    const all = await withTenant(service, A, (manager) => listAllTenants(manager));
    expect(all.map((t) => t.slug).sort()).toEqual(['tenant-a', 'tenant-b']);
    expect((await listAllTenants(service.manager)).map((t) => t.id).sort()).toEqual([A, B].sort());
  });

  it('should let a tenant update its own row and touch updated_at', async () => {
    const before = await withTenant(service, A, (m) => m.findOneByOrFail(TenantEntity, { id: A }));
    await withTenant(service, A, (m) =>
      m.query(`UPDATE tenants SET status = 'offboarding' WHERE id = $1`, [A]),
    );
    const after = await withTenant(service, A, (m) => m.findOneByOrFail(TenantEntity, { id: A }));
    expect(after.status).toBe('offboarding');
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    await expect(
      withTenant(service, A, (m) =>
        m.query(`UPDATE tenants SET status = 'gone' WHERE id = $1`, [A]),
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
