// What the api serves, seeded straight into a fresh database: one tenant whose organization of
// N accounts over a few OUs was scanned once (the scan and its jobs finished), the findings of
// that scan as the normaliser stores them (identity, lifecycle and OCSF document by its own
// code, written with one COPY), today's posture snapshot by the normaliser's own writer and the
// days before it drifting back from it. Used by the api bench and the schemathesis e2e spec.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writePostureSnapshots } from '@palisade/normaliser';
import { createDataSource, type TestDatabase, withTenant } from '@palisade/persistence';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type BenchScan, COPY_COLUMNS, copyText, seedScan } from './synthetic-findings';

export interface ApiDatasetOptions {
  readonly accounts: number;
  readonly findings: number;
  /** Days of posture snapshots, today included. */
  readonly days: number;
  /** `metadata.product.version` of the OCSF documents. */
  readonly productVersion: string;
}

export interface ApiDataset {
  readonly scan: BenchScan;
  readonly findings: number;
  readonly snapshots: number;
  /** Time spent seeding, by phase. */
  readonly ms: { readonly inventory: number; readonly copy: number; readonly posture: number };
}

export async function seedApiDataset(
  db: TestDatabase,
  options: ApiDatasetOptions,
): Promise<ApiDataset> {
  const service = await createDataSource({
    url: db.serviceUrl,
    role: 'service',
    poolSize: 2,
  }).initialize();
  const superuser = new Client({ connectionString: db.superUrl });
  await superuser.connect();
  try {
    let t0 = performance.now();
    const scan = await seedScan(service, options.accounts, options.findings);
    const inventory = performance.now() - t0;

    t0 = performance.now();
    const stream = superuser.query(
      copyFrom(`COPY public.findings (${COPY_COLUMNS.join(', ')}) FROM STDIN`),
    );
    await pipeline(Readable.from(copyText(scan, options.productVersion)), stream);
    const findings = stream.rowCount;
    await superuser.query(
      `WITH jobs AS (
         UPDATE public.scan_jobs SET status = 'succeeded', emitted_at = $2, acknowledged_at = $2,
                started_at = $2, finished_at = now()
          WHERE tenant_id = $1 RETURNING 1)
       UPDATE public.scans SET status = 'completed', started_at = $2, finished_at = now(),
              counts = jsonb_build_object('findings', $3::int, 'jobs', (SELECT count(*) FROM jobs))
        WHERE tenant_id = $1`,
      [scan.tenantId, scan.producedAt, findings],
    );
    const copy = performance.now() - t0;

    t0 = performance.now();
    const today = new Date().toISOString().slice(0, 10);
    await withTenant(service, scan.tenantId, (manager) =>
      writePostureSnapshots(manager, scan.tenantId, { day: today }),
    );
    // Earlier days: a few more failures the further back, so trends have a slope.
    await superuser.query(
      `INSERT INTO public.posture_snapshots
         (tenant_id, day, account_id, framework, passed, failed, manual, errored, suppressed, score)
       SELECT p.tenant_id, p.day - d.back, p.account_id, p.framework,
              greatest(p.passed - x.shift, 0), p.failed + least(x.shift, p.passed), p.manual,
              p.errored, p.suppressed,
              CASE WHEN p.passed + p.failed = 0 THEN NULL
                   ELSE round(100.0 * greatest(p.passed - x.shift, 0) / (p.passed + p.failed), 2)
              END
         FROM public.posture_snapshots p
        CROSS JOIN generate_series(1, $2::int - 1) AS d(back)
        CROSS JOIN LATERAL (SELECT (d.back * (1 + abs(hashtext(p.account_id)) % 3)) / 2 AS shift) x
        WHERE p.tenant_id = $1 AND p.day = $3::date`,
      [scan.tenantId, options.days, today],
    );
    await superuser.query('ANALYZE public.findings, public.posture_snapshots, public.accounts');
    const [row] = (
      await superuser.query<{ n: string }>(
        'SELECT count(*) AS n FROM public.posture_snapshots WHERE tenant_id = $1',
        [scan.tenantId],
      )
    ).rows;
    return {
      scan,
      findings,
      snapshots: Number(row?.n ?? 0),
      ms: { inventory, copy, posture: performance.now() - t0 },
    };
  } finally {
    await superuser.end();
    await service.destroy();
  }
}
