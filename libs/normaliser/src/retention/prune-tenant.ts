import { type NormaliserTuning } from '@palisade/config';
import { type TenantId, withTenant } from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { utcDay } from '../posture/posture-snapshots';

/** How long the normaliser keeps what (config.normaliser.retain*, retentionBatchSize). */
export type RetentionPolicy = Pick<
  NormaliserTuning,
  'retainResolvedDays' | 'retainHistoryDays' | 'retainSnapshotDays' | 'retentionBatchSize'
>;

/** Rows deleted, per table. */
export interface RetentionCounts {
  readonly resolvedFindings: number;
  readonly history: number;
  readonly snapshots: number;
  readonly jobBatches: number;
}

const DAY_MS = 86_400_000;

/**
 * The rows of one table that retention deletes: `$1` is the tenant, `$2` the cutoff. The
 * condition is repeated on the deleted row itself, so a row changed since the batch was chosen
 * (a resolved finding reopened) is re-checked under its new version and kept.
 */
interface Target {
  readonly table: string;
  readonly where: string;
}

const RESOLVED_FINDINGS: Target = {
  table: 'findings',
  // Also unseen since the cutoff: a resolved finding still observed passing is current posture.
  where: `tenant_id = $1 AND status = 'resolved' AND resolved_at < $2 AND last_seen_at < $2`,
};
const HISTORY: Target = { table: 'finding_history', where: 'tenant_id = $1 AND at < $2' };
const SNAPSHOTS: Target = {
  table: 'posture_snapshots',
  where: 'tenant_id = $1 AND day < $2::date',
};
const JOB_BATCHES: Target = {
  table: 'scan_job_batches',
  where: 'tenant_id = $1 AND stored_at < $2',
};

/**
 * Deletes one tenant's rows older than the policy allows, at `now`: resolved findings (by
 * `resolved_at`, and not seen since), finding history (by `at`), posture snapshots (by `day`,
 * UTC) and stored result batches (by `stored_at`, with the history's age: they only dedupe
 * redeliveries). At most `retentionBatchSize` rows per statement, each its own short tenant
 * transaction, until a batch comes back short. Open findings are never deleted.
 */
export async function pruneTenant(
  dataSource: DataSource,
  tenantId: TenantId,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const prune = (target: Target, cutoff: Date | string) =>
    pruneInBatches(dataSource, tenantId, target, cutoff, policy.retentionBatchSize);
  return {
    resolvedFindings: await prune(RESOLVED_FINDINGS, before(policy.retainResolvedDays)),
    history: await prune(HISTORY, before(policy.retainHistoryDays)),
    snapshots: await prune(SNAPSHOTS, utcDay(before(policy.retainSnapshotDays))),
    jobBatches: await prune(JOB_BATCHES, before(policy.retainHistoryDays)),
  };
}

async function pruneInBatches(
  dataSource: DataSource,
  tenantId: TenantId,
  target: Target,
  cutoff: Date | string,
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await withTenant(dataSource, tenantId, async (manager) => {
      const rows = await manager.query<{ n: number }[]>(
        `WITH deleted AS (
           DELETE FROM public.${target.table}
            WHERE ctid = ANY (ARRAY(SELECT ctid FROM public.${target.table}
                                     WHERE ${target.where} LIMIT $3))
              AND ${target.where}
           RETURNING 1)
         SELECT count(*)::int AS n FROM deleted`,
        [tenantId, cutoff, batchSize],
      );
      return rows[0]?.n ?? 0;
    });
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
