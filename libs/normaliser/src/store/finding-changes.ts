import { encodeMessage, SCHEMA_VERSION, Topics, type FindingsChanged } from '@palisade/contracts';
import {
  type FindingChangeKind,
  type FindingSeverity,
  type FindingStatus,
} from '@palisade/findings';
import { enqueueOutbox, type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';

/** One status or suppression change of one finding. */
export interface FindingChange {
  readonly uid: string;
  /** What `findings.changed` announces; null for a change that is not announced (new → in progress). */
  readonly change: FindingChangeKind | null;
  readonly fromStatus: FindingStatus | null;
  readonly toStatus: FindingStatus;
  /** The rule now suppressing the finding (`suppressed`), or that no longer does (`unsuppressed`). */
  readonly suppressedBy?: string | null;
  readonly scanId: string | null;
  readonly jobId: string | null;
  /** The observation that caused it (a result batch's time, a job's start, a rule's change). */
  readonly observedAt: Date;
  readonly accountId: string;
  readonly region: string;
  readonly checkId: string | null;
  readonly severity: FindingSeverity;
}

/** Rows per statement: the outbox insert takes 5 parameters per row, Postgres allows 65,535. */
const CHUNK = 5_000;

/**
 * Records changes in the caller's transaction: one `finding_history` row each (multi-row) and,
 * for announced changes, a `findings.changed` message in the outbox, published if and only if
 * the transaction commits.
 */
export async function recordFindingChanges(
  manager: EntityManager,
  tenantId: TenantId,
  changes: readonly FindingChange[],
  now: Date = new Date(),
): Promise<void> {
  for (let i = 0; i < changes.length; i += CHUNK) {
    const part = changes.slice(i, i + CHUNK);
    await manager.query(
      `INSERT INTO public.finding_history
         (tenant_id, finding_uid, change, from_status, to_status, suppressed_by, scan_id, job_id,
          observed_at, at)
       SELECT $1, h.uid, h.change, h.from_status, h.to_status, h.suppressed_by, h.scan_id,
              h.job_id, h.observed_at, $3
         FROM jsonb_to_recordset($2::jsonb) AS h(uid character(64), change text,
              from_status text, to_status text, suppressed_by uuid, scan_id uuid, job_id uuid,
              observed_at timestamptz)`,
      [
        tenantId,
        JSON.stringify(
          part.map((c) => ({
            uid: c.uid,
            change: c.change,
            from_status: c.fromStatus,
            to_status: c.toStatus,
            suppressed_by: c.suppressedBy ?? null,
            scan_id: c.scanId,
            job_id: c.jobId,
            observed_at: c.observedAt.toISOString(),
          })),
        ),
        now,
      ],
    );
    const announced = part.flatMap((c) =>
      c.change === null
        ? []
        : [encodeMessage(Topics.findingsChanged, messageOf(tenantId, c, c.change, now))],
    );
    await enqueueOutbox(
      manager,
      tenantId,
      announced.map(({ key, value }) => ({
        topic: Topics.findingsChanged.name,
        key,
        value: JSON.parse(value) as unknown,
      })),
    );
  }
}

function messageOf(
  tenantId: TenantId,
  c: FindingChange,
  change: FindingChangeKind,
  now: Date,
): FindingsChanged {
  return {
    schemaVersion: SCHEMA_VERSION,
    tenantId,
    findingUid: c.uid,
    change,
    accountId: c.accountId,
    region: c.region,
    ...(c.checkId === null ? {} : { checkId: c.checkId }),
    severity: c.severity,
    ...(c.scanId === null ? {} : { scanId: c.scanId }),
    at: now.toISOString(),
  };
}
