import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { type TenantId } from '../tenancy/tenant-id';
import { withDiscoveryRepositories } from './discovery-repositories';
import { type NewScan } from './scans.repository';
import {
  createSource,
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
} from './test/discovery-fixtures';

describe('ScansRepository.insertQueued, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let replica: DataSource;
  let A: TenantId;
  let B: TenantId;
  let sourceA: string;
  let sourceB: string;

  const insert = (tenant: TenantId, scan: NewScan, ds?: DataSource) =>
    withDiscoveryRepositories(ds ?? context.service, tenant, (r) =>
      r.scans.insertQueued(tenant, scan),
    );

  beforeAll(async () => {
    context = await openDiscoveryTestContext(6);
    replica = await createDataSource({
      url: context.db.serviceUrl,
      role: 'service',
      poolSize: 6,
    }).initialize();
    A = await createTenant(context.service);
    B = await createTenant(context.service);
    sourceA = (await createSource(context, A)).id;
    sourceB = (await createSource(context, B)).id;
  });

  afterAll(async () => {
    await replica?.destroy();
    await context?.close();
  });

  it('should insert a queued scan with its trigger and request', async () => {
    const requestedAt = new Date('2026-03-01T10:00:00Z');
    const { scan, created } = await insert(A, {
      sourceId: sourceA,
      trigger: { kind: 'schedule', scheduleId: randomUUID(), dueAt: '2026-03-01T10:00:00.000Z' },
      request: { scope: { accountIds: ['111111111111'] }, regions: ['eu-west-1'] },
      idempotencyKey: 'first',
      requestedAt,
    });
    expect(created).toBe(true);
    expect(scan).toMatchObject({
      tenantId: A,
      sourceId: sourceA,
      status: 'queued',
      trigger: { kind: 'schedule' },
      request: { scope: { accountIds: ['111111111111'] }, regions: ['eu-west-1'] },
      idempotencyKey: 'first',
      counts: {},
      error: null,
      requestedAt,
      startedAt: null,
      finishedAt: null,
    });
    expect(
      await withDiscoveryRepositories(context.service, A, (r) => r.scans.get(A, scan.id)),
    ).toEqual(scan);
  });

  it('should return the existing scan for a repeated idempotency key, whatever else differs', async () => {
    const first = await insert(A, {
      sourceId: sourceA,
      trigger: { kind: 'api' },
      idempotencyKey: 'repeat',
    });
    const again = await insert(A, {
      id: randomUUID(),
      sourceId: sourceA,
      trigger: { kind: 'cli' },
      idempotencyKey: 'repeat',
    });
    expect(again).toEqual({ scan: first.scan, created: false });
    const [row] = await context.owner.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM public.scans WHERE idempotency_key = 'repeat'`,
    );
    expect(row?.n).toBe(1);
  });

  it('should scope the idempotency key to the tenant, and never dedupe scans without one', async () => {
    const a = await insert(A, {
      sourceId: sourceA,
      trigger: { kind: 'api' },
      idempotencyKey: 'shared',
    });
    const b = await insert(B, {
      sourceId: sourceB,
      trigger: { kind: 'api' },
      idempotencyKey: 'shared',
    });
    expect(b.created).toBe(true);
    expect(b.scan.id).not.toBe(a.scan.id);
    const x = await insert(A, { sourceId: sourceA, trigger: { kind: 'api' } });
    const y = await insert(A, { sourceId: sourceA, trigger: { kind: 'api' } });
    expect([x.created, y.created]).toEqual([true, true]);
    expect(x.scan.id).not.toBe(y.scan.id);
  });

  it('should create one scan when replicas insert the same key concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        insert(
          A,
          { sourceId: sourceA, trigger: { kind: 'api' }, idempotencyKey: 'race' },
          i % 2 ? replica : context.service,
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.scan.id)).size).toBe(1);
  });

  it("should refuse a scan of another tenant's source", async () => {
    await expect(insert(A, { sourceId: sourceB, trigger: { kind: 'api' } })).rejects.toMatchObject({
      code: '23503',
    });
  });
});
