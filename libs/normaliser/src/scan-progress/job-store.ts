import { type ScanJobEvent } from '@palisade/contracts';
import { type ScanJobScope, type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { type JobPatch, type JobState } from './job-transition';

/** A job row as the event path reads it (locked for the rest of the transaction). */
export interface LockedJob extends JobState {
  readonly id: string;
  readonly scanId: string;
  readonly scope: ScanJobScope;
  readonly accountId: string;
}

interface JobRow {
  id: string;
  scan_id: string;
  scope: ScanJobScope;
  account_id: string;
  status: LockedJob['status'];
  acknowledged_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  skip_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  result: Record<string, unknown> | null;
}

/**
 * An event names a job that is not there — or not this tenant's (RLS hides other tenants'
 * rows) — or names it under another scan or account. Permanent: retrying cannot make it
 * right, so the message is dead-lettered.
 */
export class UnknownJobError extends Error {
  readonly code = 'UNKNOWN_JOB';

  constructor(message: string) {
    super(message);
    this.name = 'UnknownJobError';
  }
}

/** Reads the event's job under a row lock: the events of one job serialise on it. */
export async function lockJob(
  manager: EntityManager,
  tenantId: TenantId,
  event: ScanJobEvent,
): Promise<LockedJob> {
  const [row] = await manager.query<JobRow[]>(
    `SELECT id, scan_id, scope, account_id, status, acknowledged_at, started_at, finished_at,
            skip_reason, error_code, error_message, result
       FROM public.scan_jobs
      WHERE tenant_id = $1 AND id = $2
        FOR UPDATE`,
    [tenantId, event.jobId],
  );
  if (row === undefined) {
    throw new UnknownJobError(
      `job ${event.jobId} (scan ${event.scanId}, ${event.type} event) does not exist for tenant ${tenantId}`,
    );
  }
  if (row.scan_id !== event.scanId || row.account_id !== event.accountId) {
    throw new UnknownJobError(
      `job ${event.jobId} of tenant ${tenantId} belongs to scan ${row.scan_id} and account ` +
        `${row.account_id}; the ${event.type} event names scan ${event.scanId} and account ${event.accountId}`,
    );
  }
  return {
    id: row.id,
    scanId: row.scan_id,
    scope: row.scope,
    accountId: row.account_id,
    status: row.status,
    acknowledgedAt: row.acknowledged_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    skipReason: row.skip_reason,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    result: row.result,
  };
}

/** Writes a patch (absent fields keep their value); `updated_at` is touched by the trigger. */
export async function updateJob(
  manager: EntityManager,
  tenantId: TenantId,
  jobId: string,
  patch: JobPatch,
): Promise<void> {
  await manager.query(
    `UPDATE public.scan_jobs
        SET status = coalesce($3, status),
            acknowledged_at = coalesce(acknowledged_at, $4),
            started_at = coalesce($5, started_at),
            finished_at = coalesce($6, finished_at),
            skip_reason = coalesce($7, skip_reason),
            error_code = coalesce($8, error_code),
            error_message = coalesce($9, error_message),
            result = coalesce($10::jsonb, result)
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      jobId,
      patch.status ?? null,
      patch.acknowledgedAt ?? null,
      patch.startedAt ?? null,
      patch.finishedAt ?? null,
      patch.skipReason ?? null,
      patch.errorCode ?? null,
      patch.errorMessage ?? null,
      patch.result === undefined ? null : JSON.stringify(patch.result),
    ],
  );
}
