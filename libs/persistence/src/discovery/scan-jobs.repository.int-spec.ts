import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { type TenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import { withDiscoveryRepositories } from './discovery-repositories';
import { type NewScanJob } from './scan-jobs.repository';
import {
  createSource,
  createTenant,
  type DiscoveryTestContext,
  openDiscoveryTestContext,
} from './test/discovery-fixtures';

const jobs = (...accountIds: string[]): NewScanJob[] =>
  accountIds.map((accountId) => ({ scope: 'account', accountId }));

describe('ScanJobsRepository, connected as the service role', () => {
  let context: DiscoveryTestContext;
  let replica: DataSource;
  let tenant: TenantId;
  let sourceId: string;

  const newScan = async () =>
    (
      await context.run(tenant, (r) =>
        r.scans.insertQueued(tenant, { sourceId, trigger: { kind: 'api' } }),
      )
    ).scan.id;
  const insertJobs = (scanId: string, list: NewScanJob[], ds?: DataSource) =>
    withDiscoveryRepositories(ds ?? context.service, tenant, (r) =>
      r.scanJobs.insertJobs(tenant, scanId, list),
    );

  beforeAll(async () => {
    context = await openDiscoveryTestContext(6);
    replica = await createDataSource({
      url: context.db.serviceUrl,
      role: 'service',
      poolSize: 6,
    }).initialize();
    tenant = await createTenant(context.service);
    sourceId = (await createSource(context, tenant)).id;
  });

  afterAll(async () => {
    await replica?.destroy();
    await context?.close();
  });

  it('should insert the jobs of a scan once: a redelivered request gets the same jobs back', async () => {
    const scanId = await newScan();
    const list: NewScanJob[] = [
      { scope: 'organization', accountId: '111111111111' },
      ...jobs('111111111111', '222222222222'),
      { scope: 'account', accountId: '333333333333', skipReason: 'SUSPENDED' },
    ];
    const first = await insertJobs(scanId, list);
    expect(first.inserted).toBe(4);
    expect(first.jobs.map((j) => [j.scope, j.accountId, j.status, j.skipReason])).toEqual([
      ['account', '111111111111', 'pending', null],
      ['account', '222222222222', 'pending', null],
      ['account', '333333333333', 'pending', 'SUSPENDED'],
      ['organization', '111111111111', 'pending', null],
    ]);

    const redelivered = await insertJobs(scanId, [...list].reverse());
    expect(redelivered.inserted).toBe(0);
    expect(redelivered.jobs).toEqual(first.jobs);

    // A later delivery that finds one more account adds only that one.
    const grown = await insertJobs(scanId, [...list, ...jobs('444444444444')]);
    expect(grown.inserted).toBe(1);
    expect(grown.jobs.map((j) => j.id)).toEqual(
      expect.arrayContaining(first.jobs.map((j) => j.id)),
    );
    expect(grown.jobs).toHaveLength(5);
  });

  it('should never duplicate jobs when two replicas insert them concurrently, in chunks', async () => {
    const scanId = await newScan();
    const many = jobs(...Array.from({ length: 1_100 }, (_, i) => String(200_000_000_000 + i)));
    const results = await Promise.all([
      insertJobs(scanId, many, context.service),
      insertJobs(scanId, [...many].reverse(), replica),
      insertJobs(scanId, many, replica),
    ]);
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(1_100);
    for (const result of results) expect(result.jobs).toHaveLength(1_100);
  });

  it('should mark jobs emitted and list those the normaliser has not acknowledged', async () => {
    const scanId = await newScan();
    const { jobs: inserted } = await insertJobs(
      scanId,
      jobs('111111111111', '222222222222', '333333333333'),
    );
    const emittedAt = new Date('2026-03-01T10:00:00Z');
    const marked = await context.run(tenant, (r) =>
      r.scanJobs.markEmitted(
        tenant,
        inserted.map((j) => j.id),
        emittedAt,
      ),
    );
    expect(marked).toBe(3);
    // The normaliser acknowledges the first job when its first event arrives.
    await withTenant(context.service, tenant, (m) =>
      m.query('UPDATE public.scan_jobs SET acknowledged_at = now(), status = $2 WHERE id = $1', [
        inserted[0]?.id,
        'running',
      ]),
    );
    const unacknowledged = await context.run(tenant, (r) =>
      r.scanJobs.listUnacknowledged(tenant, scanId),
    );
    expect(unacknowledged.map((j) => [j.accountId, j.emittedAt])).toEqual([
      ['222222222222', emittedAt],
      ['333333333333', emittedAt],
    ]);
    // Redelivery keeps the normaliser's state.
    const { jobs: again } = await insertJobs(scanId, jobs('111111111111'));
    expect(again.find((j) => j.id === inserted[0]?.id)?.status).toBe('running');
  });

  it("should refuse jobs for another tenant's scan", async () => {
    const stranger = await createTenant(context.service);
    const strangersSource = (await createSource(context, stranger)).id;
    const { scan } = await context.run(stranger, (r) =>
      r.scans.insertQueued(stranger, { sourceId: strangersSource, trigger: { kind: 'api' } }),
    );
    await expect(insertJobs(scan.id, jobs('111111111111'))).rejects.toMatchObject({
      code: '23503',
    });
  });
});
