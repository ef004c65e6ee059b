// Integration-test support for scan progress (excluded from the build: `**/test/**`).
import { randomUUID } from 'node:crypto';
import { type ScanJobEvent, scanJobEventSchema } from '@palisade/contracts';
import {
  type NewScanJob,
  type TenantId,
  TenantTransactions,
  withDiscoveryRepositories,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C } from '../../test/normaliser-fixtures';
import { JobEventsConsumer } from '../job-events.consumer';

/** The consumer as a deployment builds it, on `dataSource` (the service role). */
export function consumerOn(dataSource: DataSource): JobEventsConsumer {
  return new JobEventsConsumer(new TenantTransactions(dataSource));
}

export interface SeededJob {
  readonly id: string;
  readonly accountId: string;
  readonly scope: 'account' | 'organization';
}

export interface SeededScan {
  readonly tenantId: TenantId;
  readonly scanId: string;
  readonly jobs: readonly SeededJob[];
  /** The job of `accountId` (account scope unless told). */
  job(accountId: string, scope?: 'account' | 'organization'): SeededJob;
}

/**
 * A queued scan of an accounts source and its jobs, inserted and marked emitted the way
 * discovery does it (`pending` jobs, or `skipped` / `failed` ones discovery decided).
 */
export async function seedScan(
  service: DataSource,
  tenantId: TenantId,
  jobs: readonly NewScanJob[],
): Promise<SeededScan> {
  return withDiscoveryRepositories(service, tenantId, async (repos) => {
    const source = await repos.sources.create(tenantId, {
      name: `source-${randomUUID().slice(0, 8)}`,
      kind: 'accounts',
      config: {
        accounts: [ACCOUNT_A, ACCOUNT_B, ACCOUNT_C].map((accountId) => ({ accountId })),
        memberRoleName: 'PalisadeScan',
      },
    });
    const { scan } = await repos.scans.insertQueued(tenantId, {
      sourceId: source.id,
      trigger: { kind: 'api' },
    });
    const inserted = await repos.scanJobs.insertJobs(
      tenantId,
      scan.id,
      jobs.map((j) => ({ id: randomUUID(), ...j })),
    );
    await repos.scanJobs.markEmitted(
      tenantId,
      inserted.jobs.map((j) => j.id),
      new Date(),
    );
    const seeded = inserted.jobs.map((j) => ({ id: j.id, accountId: j.accountId, scope: j.scope }));
    return {
      tenantId,
      scanId: scan.id,
      jobs: seeded,
      job: (accountId, scope = 'account') => {
        const found = seeded.find((j) => j.accountId === accountId && j.scope === scope);
        if (found === undefined) throw new Error(`no ${scope} job for ${accountId}`);
        return found;
      },
    };
  });
}

/** Builds validated job events for one job of a seeded scan. */
export function eventsFor(scan: SeededScan, job: SeededJob) {
  const base = {
    schemaVersion: 1 as const,
    tenantId: scan.tenantId,
    scanId: scan.scanId,
    jobId: job.id,
    accountId: job.accountId,
  };
  const parse = (event: unknown): ScanJobEvent => scanJobEventSchema.parse(event);
  return {
    started: (at: string) => parse({ ...base, at, type: 'started', worker: 'worker-1' }),
    progress: (at: string, regionsDone = 1) =>
      parse({ ...base, at, type: 'progress', regionsDone, regionsTotal: 2, checksDone: 3 }),
    finished: (
      at: string,
      extra: {
        startedAt?: string;
        scopeCounts?: { region: string; checkId: string; count: number }[];
        errors?: { region?: string; checkId?: string; code: string; message: string }[];
        watermarks?: Record<string, string>;
        cancelled?: boolean;
        /** Result batches the job sent (default 0: these tests send none). */
        batches?: number;
        failedRegions?: { region: string; code: string; message: string }[];
      } = {},
    ) =>
      parse({
        ...base,
        at,
        type: 'finished',
        scopeCounts: extra.scopeCounts ?? [],
        batches: extra.batches ?? 0,
        errors: extra.errors ?? [],
        regions: { scanned: ['eu-west-1', 'us-east-1'], failed: extra.failedRegions ?? [] },
        ...(extra.watermarks
          ? { inspector: { status: 'ENABLED', findings: 2, watermarks: extra.watermarks } }
          : {}),
        sourceIdentityUsed: true,
        timings: { startedAt: extra.startedAt ?? at, durationMs: 1_000 },
        apiCalls: 42,
        cancelled: extra.cancelled ?? false,
      }),
    skipped: (at: string, reason: 'SUSPENDED' | 'REMOVED' | 'OUT_OF_SCOPE' | 'CANCELLED') =>
      parse({ ...base, at, type: 'skipped', reason, message: `skipped: ${reason}` }),
    failed: (at: string, code: string, message = `${code} happened`) =>
      parse({ ...base, at, type: 'failed', code, message }),
  };
}

export interface JobRow {
  id: string;
  account_id: string;
  scope: string;
  status: string;
  acknowledged_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  skip_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  result: Record<string, unknown> | null;
  updated_at: Date;
}

export interface ScanRow {
  status: string;
  counts: Record<string, number>;
  error: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}

/** Reads as the owner (every tenant): assertions only. */
export async function readJobs(owner: DataSource, scanId: string): Promise<JobRow[]> {
  return owner.query<JobRow[]>(
    `SELECT id, account_id, scope, status, acknowledged_at, started_at, finished_at, skip_reason,
            error_code, error_message, result, updated_at
       FROM public.scan_jobs WHERE scan_id = $1 ORDER BY scope, account_id`,
    [scanId],
  );
}

export async function readJob(owner: DataSource, jobId: string): Promise<JobRow> {
  const [row] = await owner.query<JobRow[]>(
    `SELECT id, account_id, scope, status, acknowledged_at, started_at, finished_at, skip_reason,
            error_code, error_message, result, updated_at
       FROM public.scan_jobs WHERE id = $1`,
    [jobId],
  );
  if (row === undefined) throw new Error(`job ${jobId} not found`);
  return row;
}

export async function readScan(owner: DataSource, scanId: string): Promise<ScanRow> {
  const [row] = await owner.query<ScanRow[]>(
    `SELECT status, counts, error, started_at, finished_at FROM public.scans WHERE id = $1`,
    [scanId],
  );
  if (row === undefined) throw new Error(`scan ${scanId} not found`);
  return row;
}

/** The `scan.lifecycle` messages of a scan in the outbox. */
export async function lifecycleMessages(
  owner: DataSource,
  scanId: string,
): Promise<Record<string, unknown>[]> {
  const rows = await owner.query<{ value: Record<string, unknown> }[]>(
    `SELECT value FROM public.outbox
      WHERE topic = 'palisade.scan.lifecycle.v1' AND value ->> 'scanId' = $1 ORDER BY id`,
    [scanId],
  );
  return rows.map((r) => r.value);
}
