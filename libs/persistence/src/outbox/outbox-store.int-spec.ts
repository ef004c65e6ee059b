import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { parseTenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import { TenantEntity } from '../tenancy/tenant.entity';
import { claimOutboxBatch, enqueueOutbox, markOutboxPublished, pruneOutbox } from './outbox-store';
import { OutboxEntity } from './outbox.entity';

const message = (key: string) => ({
  topic: 'palisade.scan.requested.v1',
  key,
  value: { scanId: key },
  headers: { h: key },
});

describe('outbox, connected as the service role', () => {
  const A = parseTenantId(randomUUID());
  const B = parseTenantId(randomUUID());
  let db: TestDatabase;
  let service: DataSource;
  let relay: DataSource; // a second replica

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 3,
    }).initialize();
    relay = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 3,
    }).initialize();
  });

  afterEach(async () => {
    // Test isolation: the relay functions are the only way the app role removes rows.
    await service.transaction(async (m) => {
      const all = await claimOutboxBatch(m, 10_000);
      await markOutboxPublished(
        m,
        all.map((r) => r.id),
      );
      await pruneOutbox(m, new Date(Date.now() + 60_000));
    });
  });

  afterAll(async () => {
    await service?.destroy();
    await relay?.destroy();
    await db?.drop();
  });

  it('should commit outbox rows with the business rows, and roll them back with them', async () => {
    await withTenant(service, A, async (manager) => {
      await manager.insert(TenantEntity, { id: A, slug: `a-${A.slice(0, 8)}`, name: 'A' });
      await enqueueOutbox(manager, A, [message('committed')]);
    });
    await withTenant(service, A, async (manager) => {
      await enqueueOutbox(manager, A, [message('rolled-back')]);
      throw new Error('abort');
    }).catch(() => undefined);
    const claimed = await service.transaction((m) => claimOutboxBatch(m, 100));
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({
      tenantId: A,
      topic: 'palisade.scan.requested.v1',
      key: 'committed',
      value: { scanId: 'committed' },
      headers: { h: 'committed' },
    });
    expect(claimed[0]?.id).toMatch(/^\d+$/);
    expect(claimed[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("should refuse an outbox row for tenant B in tenant A's transaction, and a tenant row with no tenant set", async () => {
    await expect(
      withTenant(service, A, (m) => enqueueOutbox(m, B, [message('x')])),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      withTenant(service, A, (m) => enqueueOutbox(m, null, [message('x')])),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      service.transaction((m) => enqueueOutbox(m, A, [message('x')])),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('should show a tenant its own outbox rows only, and tenant-less rows only with no tenant set', async () => {
    await withTenant(service, A, (m) => enqueueOutbox(m, A, [message('a')]));
    await withTenant(service, B, (m) => enqueueOutbox(m, B, [message('b')]));
    await service.transaction((m) => enqueueOutbox(m, null, [message('system')]));
    expect((await withTenant(service, A, (m) => m.find(OutboxEntity))).map((r) => r.key)).toEqual([
      'a',
    ]);
    expect((await service.getRepository(OutboxEntity).find()).map((r) => r.key)).toEqual([
      'system',
    ]);
  });

  it('should let the relay claim every tenant in id order, skipping rows another relay holds', async () => {
    await withTenant(service, A, (m) => enqueueOutbox(m, A, [message('a1'), message('a2')]));
    await withTenant(service, B, (m) => enqueueOutbox(m, B, [message('b1')]));

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first: string[] = [];
    const firstRelay = service.transaction(async (m) => {
      first = (await claimOutboxBatch(m, 2)).map((r) => r.key);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await relay.transaction(async (m) => {
      const rows = await claimOutboxBatch(m, 10);
      expect(
        await markOutboxPublished(
          m,
          rows.map((r) => r.id),
        ),
      ).toBe(rows.length);
      return rows.map((r) => r.key);
    });
    release();
    await firstRelay;
    expect(first).toEqual(['a1', 'a2']);
    expect(second).toEqual(['b1']);
    // a1 and a2 were claimed but not marked: the lock ended with the transaction, they come back.
    expect((await service.transaction((m) => claimOutboxBatch(m, 10))).map((r) => r.key)).toEqual([
      'a1',
      'a2',
    ]);
  });

  it('should not claim published rows again, and prune only rows published before the cut-off', async () => {
    await withTenant(service, A, (m) => enqueueOutbox(m, A, [message('p1'), message('p2')]));
    const ids = await service.transaction(async (m) => {
      const rows = await claimOutboxBatch(m, 10);
      await markOutboxPublished(
        m,
        rows.map((r) => r.id),
      );
      return rows.map((r) => r.id);
    });
    expect(ids).toHaveLength(2);
    expect(await service.transaction((m) => claimOutboxBatch(m, 10))).toEqual([]);
    expect(await service.transaction((m) => markOutboxPublished(m, ids))).toBe(0);
    expect(await service.transaction((m) => pruneOutbox(m, new Date(Date.now() - 60_000)))).toBe(0);
    expect(await service.transaction((m) => pruneOutbox(m, new Date(Date.now() + 60_000)))).toBe(2);
  });

  it('should refuse a claim limit outside 1..10000', async () => {
    await expect(service.transaction((m) => claimOutboxBatch(m, 0))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
