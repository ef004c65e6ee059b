import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';

/** Jobs failed `JOB_TIMEOUT` by one sweep of one tenant. */
export interface TimedOutJob {
  readonly id: string;
  readonly scanId: string;
}

export const JOB_TIMEOUT = 'JOB_TIMEOUT';

/**
 * Fails the tenant's jobs that went silent: `pending` ones emitted to the scanner and `running`
 * ones whose last change (`updated_at`: every event touches it) is older than `timeoutMs`.
 * The message says how long they were silent. A job whose event commits meanwhile no longer
 * matches (the row lock makes the UPDATE re-check it) and is left alone.
 */
export async function failStaleJobs(
  manager: EntityManager,
  tenantId: TenantId,
  now: Date,
  timeoutMs: number,
): Promise<TimedOutJob[]> {
  // A bare UPDATE … RETURNING comes back from TypeORM as [rows, count]: the CTE returns rows.
  return manager.query<TimedOutJob[]>(
    `WITH timed_out AS (
       UPDATE public.scan_jobs
          SET status = 'failed', error_code = $4, finished_at = $2,
              error_message = format(
                CASE status WHEN 'pending'
                  THEN 'no worker started the job: no event for %s min since it was emitted (timeout %s min)'
                  ELSE 'the running job sent no event for %s min (timeout %s min)' END,
                floor(extract(epoch FROM ($2::timestamptz - updated_at)) / 60)::int,
                $5::text)
        WHERE tenant_id = $1
          AND (status = 'running' OR (status = 'pending' AND emitted_at IS NOT NULL))
          AND updated_at < $2::timestamptz - make_interval(secs => $3::double precision / 1000)
       RETURNING id, scan_id
     ) SELECT id, scan_id AS "scanId" FROM timed_out`,
    [tenantId, now, timeoutMs, JOB_TIMEOUT, String(Math.round(timeoutMs / 60_000))],
  );
}
