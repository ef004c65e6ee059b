import { type ErrorRecord, type ScopeCount } from '@palisade/contracts';
import { OPEN_STATUSES, type FindingSeverity, type FindingStatus } from '@palisade/findings';
import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { type FindingChange, recordFindingChanges } from './finding-changes';

/** The job a declaration or a stored batch belongs to. */
export interface GateJob {
  readonly jobId: string;
  readonly scanId: string;
  readonly accountId: string;
}

/** What a job's final event says: results per (region, check) scope and every error. */
export interface JobDeclaration extends GateJob {
  /** The job's start: findings of a resolved scope last seen before it were not reported again. */
  readonly startedAt: Date;
  readonly scopeCounts: readonly ScopeCount[];
  readonly errors: readonly ErrorRecord[];
}

/** Results of one scope stored by one batch. */
export interface StoredScope {
  readonly region: string;
  readonly checkId: string;
  readonly count: number;
  /** The batch held an ERROR result for the scope: it never resolves. */
  readonly errored: boolean;
}

export interface GateRow {
  region: string;
  check_id: string;
  stored: number;
  declared: number | null;
  job_started_at: Date | null;
  errored: boolean;
  resolved_at: Date | null;
}

/**
 * Whether an error of the final event makes a scope unresolvable: an error of the check (in
 * that region or in every region), or a whole-region failure. Collector errors are not matched
 * here: the checks depending on a failed collector already reported ERROR results.
 */
export function errorBlocksScope(
  error: ErrorRecord,
  scope: { readonly region: string; readonly checkId: string },
): boolean {
  if (error.checkId !== undefined) {
    return error.checkId === scope.checkId && (error.region ?? scope.region) === scope.region;
  }
  return error.collector === undefined && error.region === scope.region;
}

function scopeOrder(
  a: { region: string; checkId: string },
  b: { region: string; checkId: string },
) {
  return a.region === b.region ? (a.checkId < b.checkId ? -1 : 1) : a.region < b.region ? -1 : 1;
}

const GATE_COLUMNS = 'region, check_id, stored, declared, job_started_at, errored, resolved_at';

/**
 * Records the final event's declaration for every scope it names, then resolves the scopes
 * that are complete. Idempotent: a second delivery sets the same declaration and resolves
 * nothing more. Rows are locked in (region, check) order, the order the batch path uses too,
 * so a batch and the final event of one job serialise on them instead of missing each other.
 */
export async function declareJobScopes(
  manager: EntityManager,
  tenantId: TenantId,
  declaration: JobDeclaration,
): Promise<{ resolved: number }> {
  const scopes = [...declaration.scopeCounts].sort(scopeOrder);
  if (scopes.length === 0) return { resolved: 0 };
  const rows = await manager.query<GateRow[]>(
    `INSERT INTO public.scan_job_scopes AS g
            (tenant_id, job_id, account_id, region, check_id, declared, job_started_at, errored)
     SELECT $1, $2, $8, s.region, s.check_id, s.declared, $7, s.errored
       FROM unnest($3::text[], $4::text[], $5::int[], $6::boolean[])
            WITH ORDINALITY AS s(region, check_id, declared, errored, n)
      ORDER BY s.n
     ON CONFLICT (tenant_id, job_id, region, check_id) DO UPDATE
       SET declared = EXCLUDED.declared, job_started_at = EXCLUDED.job_started_at,
           errored = g.errored OR EXCLUDED.errored
     RETURNING ${GATE_COLUMNS}`,
    [
      tenantId,
      declaration.jobId,
      scopes.map((s) => s.region),
      scopes.map((s) => s.checkId),
      scopes.map((s) => s.count),
      scopes.map((s) => declaration.errors.some((e) => errorBlocksScope(e, s))),
      declaration.startedAt,
      declaration.accountId,
    ],
  );
  return { resolved: await resolveCompleteScopes(manager, tenantId, declaration, rows) };
}

/** A job's scope rows counted by a batch, locked until the batch's transaction ends. */
export interface CountedScopes {
  readonly job: GateJob;
  readonly rows: readonly GateRow[];
}

/**
 * Adds a stored batch's result counts to its job's scopes. Called BEFORE the batch's findings
 * are locked, so the batch path and the final event's path both lock scope rows first, then
 * findings (no deadlock between them); the resolution the counts complete runs after the
 * findings are written ({@link resolveCounted}).
 */
export async function countStoredResults(
  manager: EntityManager,
  tenantId: TenantId,
  job: GateJob,
  stored: readonly StoredScope[],
): Promise<CountedScopes> {
  const scopes = [...stored].sort(scopeOrder);
  if (scopes.length === 0) return { job, rows: [] };
  const rows = await manager.query<GateRow[]>(
    `INSERT INTO public.scan_job_scopes AS g
            (tenant_id, job_id, account_id, region, check_id, stored, errored)
     SELECT $1, $2, $7, s.region, s.check_id, s.stored, s.errored
       FROM unnest($3::text[], $4::text[], $5::int[], $6::boolean[])
            WITH ORDINALITY AS s(region, check_id, stored, errored, n)
      ORDER BY s.n
     ON CONFLICT (tenant_id, job_id, region, check_id) DO UPDATE
       SET stored = g.stored + EXCLUDED.stored, errored = g.errored OR EXCLUDED.errored
     RETURNING ${GATE_COLUMNS}`,
    [
      tenantId,
      job.jobId,
      scopes.map((s) => s.region),
      scopes.map((s) => s.checkId),
      scopes.map((s) => s.count),
      scopes.map((s) => s.errored),
      job.accountId,
    ],
  );
  return { job, rows };
}

/** Resolves the scopes a batch's counts completed (when the final event is already in). */
export async function resolveCounted(
  manager: EntityManager,
  tenantId: TenantId,
  counted: CountedScopes,
): Promise<number> {
  return resolveCompleteScopes(manager, tenantId, counted.job, counted.rows);
}

function isComplete(row: GateRow): boolean {
  return (
    row.declared !== null &&
    row.job_started_at !== null &&
    row.stored >= row.declared &&
    !row.errored &&
    row.resolved_at === null
  );
}

interface ResolvedRow {
  uid: string;
  from_status: FindingStatus;
  severity: FindingSeverity;
  region: string;
  check_id: string;
}

/**
 * Whether the job may no longer resolve anything: its scan has a cancel request
 * (`scans.cancel_requested_at`, set by `POST /v1/scans/{id}/cancel`), or its final event said
 * it was cancelled (status `cancelled`; or `result.cancelled` on a job closed before its final
 * event came in). Read in the caller's transaction, which already holds the job's row lock
 * (the event path) or a share lock on it (the batch path), so the job's own state is current;
 * a cancel request committed after this read is a request made after the resolution.
 */
async function resolutionFrozen(
  manager: EntityManager,
  tenantId: TenantId,
  job: GateJob,
): Promise<boolean> {
  const [row] = await manager.query<{ frozen: boolean }[]>(
    `SELECT s.cancel_requested_at IS NOT NULL OR j.status = 'cancelled'
            OR coalesce((j.result ->> 'cancelled')::boolean, false) AS frozen
       FROM public.scan_jobs j
       JOIN public.scans s ON s.tenant_id = j.tenant_id AND s.id = j.scan_id
      WHERE j.tenant_id = $1 AND j.id = $2`,
    [tenantId, job.jobId],
  );
  return row?.frozen ?? false;
}

/**
 * A complete scope ran without error and every one of its results is stored: its open findings
 * that the run did not report (last seen before the job started) are resolved — once, as the
 * scope's `resolved_at` guards. Their compliance is cleared: the resource is no longer reported,
 * so it leaves posture too.
 *
 * A cancelled scan resolves nothing: once its cancel request is set, or for a job whose final
 * event says `cancelled`, complete scopes stay unresolved (`resolved_at` null, so they are no
 * clean run for later observations either), whether the last piece is the final event or a
 * late batch. The results themselves are stored as usual. Scopes resolved before the cancel
 * request (a job that finished, with all its results, before it) keep their resolutions.
 */
async function resolveCompleteScopes(
  manager: EntityManager,
  tenantId: TenantId,
  job: GateJob,
  rows: readonly GateRow[],
): Promise<number> {
  const complete = rows.filter(isComplete);
  const startedAt = complete[0]?.job_started_at;
  if (!startedAt) return 0;
  if (await resolutionFrozen(manager, tenantId, job)) return 0;
  const claimed = await manager.query<{ region: string; check_id: string }[]>(
    `WITH claimed AS (
       UPDATE public.scan_job_scopes g SET resolved_at = now()
         FROM unnest($3::text[], $4::text[]) AS s(region, check_id)
        WHERE g.tenant_id = $1 AND g.job_id = $2 AND g.region = s.region
          AND g.check_id = s.check_id AND g.resolved_at IS NULL
       RETURNING g.region, g.check_id
     ) SELECT region, check_id FROM claimed`,
    [tenantId, job.jobId, complete.map((r) => r.region), complete.map((r) => r.check_id)],
  );
  if (claimed.length === 0) return 0;
  const resolved = await manager.query<ResolvedRow[]>(
    `WITH s AS (
       SELECT * FROM unnest($3::text[], $4::text[]) AS s(region, check_id)
     ), stale AS (
       SELECT f.uid, f.status
         FROM public.findings f
         JOIN s ON f.region = s.region AND f.check_id = s.check_id
        WHERE f.tenant_id = $1 AND f.account_id = $2 AND f.kind = 'check'
          AND f.status = ANY ($5::text[]) AND f.last_seen_at < $6 AND f.state_at < $6
        ORDER BY f.uid
          FOR UPDATE OF f
     )
     , resolved AS (
       UPDATE public.findings f
          SET status = 'resolved', resolved_at = $6, state_at = $6, compliance = NULL,
              scan_id = $7, job_id = $8
         FROM stale
        WHERE f.tenant_id = $1 AND f.uid = stale.uid
       RETURNING f.uid, stale.status AS from_status, f.severity, f.region, f.check_id
     ) SELECT * FROM resolved`,
    [
      tenantId,
      job.accountId,
      claimed.map((r) => r.region),
      claimed.map((r) => r.check_id),
      OPEN_STATUSES,
      startedAt,
      job.scanId,
      job.jobId,
    ],
  );
  const changes: FindingChange[] = resolved.map((r) => ({
    uid: r.uid,
    // Only a failing finding's resolution is announced; a stale MANUAL or ERROR row just closes.
    change: r.from_status === 'new' || r.from_status === 'in_progress' ? 'resolved' : null,
    fromStatus: r.from_status,
    toStatus: 'resolved',
    scanId: job.scanId,
    jobId: job.jobId,
    observedAt: startedAt,
    accountId: job.accountId,
    region: r.region,
    checkId: r.check_id,
    severity: r.severity,
  }));
  await recordFindingChanges(manager, tenantId, changes);
  return changes.length;
}

/** The latest clean run (job start) of each (region, check) scope of an account, after `since`. */
export async function cleanRunsAfter(
  manager: EntityManager,
  tenantId: TenantId,
  accountIds: readonly string[],
  since: Date,
): Promise<Map<string, Date>> {
  const rows = await manager.query<
    { account_id: string; region: string; check_id: string; started: Date }[]
  >(
    `SELECT account_id, region, check_id, max(job_started_at) AS started
       FROM public.scan_job_scopes
      WHERE tenant_id = $1 AND account_id = ANY ($2::character(12)[]) AND resolved_at IS NOT NULL
        AND job_started_at > $3
      GROUP BY account_id, region, check_id`,
    [tenantId, [...accountIds], since],
  );
  return new Map(rows.map((r) => [cleanRunKey(r.account_id, r.region, r.check_id), r.started]));
}

export function cleanRunKey(accountId: string, region: string, checkId: string): string {
  return `${accountId}|${region}|${checkId}`;
}
