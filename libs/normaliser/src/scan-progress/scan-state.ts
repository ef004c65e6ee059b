import { SCHEMA_VERSION, type ScanLifecycle, Topics } from '@palisade/contracts';
import { enqueueOutbox } from '@palisade/messaging';
import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { utcDay, writePostureSnapshots } from '../posture/posture-snapshots';
import {
  type ClosingStatus,
  closingStatus,
  closureError,
  type FailedJob,
  type FindingCounts,
  type JobTally,
  LISTED_FAILURES,
  lifecycleCounts,
  type ScanCounts,
  scanCounts,
} from './scan-closure';

/** A scan this call closed. */
export interface ClosedScan {
  readonly scanId: string;
  readonly status: ClosingStatus;
  readonly counts: ScanCounts;
  readonly error: string | null;
}

/** A queued scan starts with its first started job (or any later event, if that one is late). */
export async function startScan(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
  startedAt: Date,
): Promise<void> {
  await manager.query(
    `UPDATE public.scans SET status = 'running', started_at = coalesce(started_at, $3)
      WHERE tenant_id = $1 AND id = $2 AND status = 'queued'`,
    [tenantId, scanId, startedAt],
  );
}

/**
 * Recomputes the scan's counts and closes it once every job is terminal: status, `finished_at`,
 * `error`, then `scan.lifecycle` through the outbox and the day's posture snapshots of its
 * accounts, all in the caller's transaction. Returns the closure, or null (still open, or
 * closed before). The scan row is locked first: of two transactions that each finish one of
 * the last two jobs, the second to get the lock sees the first's job committed, so the scan
 * closes once and is never left open. A closed scan keeps its status; its counts still follow
 * late resolutions.
 */
export async function refreshScan(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
  now: Date,
): Promise<ClosedScan | null> {
  const [scan] = await manager.query<{ status: string }[]>(
    `SELECT status FROM public.scans WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [tenantId, scanId],
  );
  if (scan === undefined) return null;
  const tally = await jobTally(manager, tenantId, scanId);
  const counts = scanCounts(tally, await findingCounts(manager, tenantId, scanId));
  const status =
    scan.status === 'queued' || scan.status === 'running' ? closingStatus(tally) : null;
  if (status === null) {
    await manager.query(
      `UPDATE public.scans SET counts = $3::jsonb
        WHERE tenant_id = $1 AND id = $2 AND counts IS DISTINCT FROM $3::jsonb`,
      [tenantId, scanId, JSON.stringify(counts)],
    );
    return null;
  }
  const error = closureError(status, tally, await failedJobs(manager, tenantId, scanId));
  // A bare UPDATE … RETURNING comes back from TypeORM as [rows, count]: the CTE returns rows.
  const closed = await manager.query<{ id: string }[]>(
    `WITH closed AS (
       UPDATE public.scans SET status = $3, finished_at = $4, error = $5, counts = $6::jsonb
        WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')
       RETURNING id
     ) SELECT id FROM closed`,
    [tenantId, scanId, status, now, error, JSON.stringify(counts)],
  );
  if (closed.length === 0) return null;
  const message: ScanLifecycle = {
    schemaVersion: SCHEMA_VERSION,
    tenantId,
    scanId,
    status,
    counts: lifecycleCounts(counts),
    at: now.toISOString(),
  };
  await enqueueOutbox(manager, Topics.scanLifecycle, message, { tenantId });
  const accountIds = await scannedAccounts(manager, tenantId, scanId);
  if (accountIds.length > 0) {
    await writePostureSnapshots(manager, tenantId, { day: utcDay(now), accountIds });
  }
  return { scanId, status, counts, error };
}

async function jobTally(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
): Promise<JobTally[]> {
  return manager.query<JobTally[]>(
    `SELECT scope, status, count(*)::int AS jobs,
            count(*) FILTER (
              WHERE status = 'succeeded'
                AND (jsonb_array_length(coalesce(result -> 'errors', '[]'::jsonb)) > 0
                  OR jsonb_array_length(coalesce(result #> '{regions,failed}', '[]'::jsonb)) > 0)
            )::int AS "withErrors",
            count(*) FILTER (WHERE status = 'skipped' AND skip_reason = 'CANCELLED')::int
              AS "cancelledSkips",
            count(*) FILTER (
              WHERE (result ->> 'batches')::int > (
                SELECT count(*) FROM public.scan_job_batches b
                 WHERE b.tenant_id = j.tenant_id AND b.job_id = j.id)
            )::int AS "awaitingResults"
       FROM public.scan_jobs j
      WHERE tenant_id = $1 AND scan_id = $2
      GROUP BY scope, status`,
    [tenantId, scanId],
  );
}

async function findingCounts(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
): Promise<FindingCounts> {
  const rows = await manager.query<{ change: keyof FindingCounts; n: number }[]>(
    `SELECT change, count(*)::int AS n
       FROM public.finding_history
      WHERE tenant_id = $1 AND scan_id = $2 AND change IN ('new', 'resolved', 'reopened')
      GROUP BY change`,
    [tenantId, scanId],
  );
  const of = (change: keyof FindingCounts) => rows.find((r) => r.change === change)?.n ?? 0;
  return { new: of('new'), resolved: of('resolved'), reopened: of('reopened') };
}

async function failedJobs(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
): Promise<FailedJob[]> {
  return manager.query<FailedJob[]>(
    `SELECT scope, account_id AS "accountId", error_code AS "errorCode",
            error_message AS "errorMessage"
       FROM public.scan_jobs
      WHERE tenant_id = $1 AND scan_id = $2 AND status = 'failed'
      ORDER BY scope, account_id
      LIMIT $3`,
    [tenantId, scanId, LISTED_FAILURES],
  );
}

/** Accounts whose findings the scan may have changed: every one of its jobs not skipped. */
async function scannedAccounts(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
): Promise<string[]> {
  const rows = await manager.query<{ account_id: string }[]>(
    `SELECT DISTINCT account_id FROM public.scan_jobs
      WHERE tenant_id = $1 AND scan_id = $2 AND status <> 'skipped'
      ORDER BY account_id`,
    [tenantId, scanId],
  );
  return rows.map((r) => r.account_id);
}
