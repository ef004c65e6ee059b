import { type FindingsRaw } from '@palisade/contracts';
import { ALL_CHECKS, type CheckMetadata } from '@palisade/checks';
import {
  type FindingContext,
  type FindingSeverity,
  type FindingStatus,
  type LifecycleState,
  mapCheckResult,
  mapInspectorFinding,
  observe,
  resolveUnreported,
  type Transition,
} from '@palisade/findings';
import { type ScanJobStatus, type TenantId } from '@palisade/persistence';
import { UnknownJobError } from '../scan-progress/job-store';
import { isTerminalJobStatus } from '../scan-progress/job-transition';
import { refreshScan } from '../scan-progress/scan-state';
import { type EntityManager } from 'typeorm';
import { type FindingChange, recordFindingChanges } from '../store/finding-changes';
import {
  cleanRunKey,
  cleanRunsAfter,
  type CountedScopes,
  countStoredResults,
  resolveCounted,
} from '../store/resolution-gate';
import { applySuppression } from '../suppression/apply-suppression';
import {
  inspectorSeverity,
  type Observed,
  observationsOf,
  partitionOf,
  storedScopesByJob,
} from './observations';

export interface IngestOutcome {
  /** Result batches written (a redelivered batch is skipped). */
  readonly batches: number;
  readonly duplicateBatches: number;
  /** Finding rows inserted or updated. */
  readonly written: number;
  /** Announced and history-only changes recorded (resolutions by absence included). */
  readonly changes: number;
  readonly resolved: number;
}

const CHECKS: ReadonlyMap<string, CheckMetadata> = new Map(
  ALL_CHECKS.map((c) => [c.metadata.id, c.metadata]),
);

interface JobRow {
  id: string;
  scan_id: string;
  account_id: string;
  source_id: string;
  status: ScanJobStatus;
}

interface AccountRow {
  source_id: string;
  account_id: string;
  name: string;
  ou_id: string | null;
  ou_name: string | null;
}

interface StoredRow {
  uid: string;
  status: FindingStatus;
  state_at: Date;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  source_suppressed: boolean;
  suppressed_by: string | null;
}

/** Columns of one finding row to write, in the order of the upsert's unnest. */
interface FindingRow {
  uid: string;
  kind: 'check' | 'inspector';
  accountId: string;
  region: string;
  checkId: string | null;
  resourceUid: string;
  resourceType: string;
  title: string;
  severity: FindingSeverity;
  state: LifecycleState;
  compliance: string | null;
  errorCode: string | null;
  scanId: string;
  jobId: string;
  ocsf: string;
}

/**
 * Writes validated `findings.raw` batches of ONE tenant in the caller's transaction (the
 * tenant is set): skips batches already stored, maps every result to OCSF, moves each finding
 * through its lifecycle (locked, in uid order), writes the rows with one multi-row upsert per
 * chunk, records history and `findings.changed`, applies suppression rules, and counts the
 * results per scope so that complete scopes resolve what the run no longer reported.
 */
export class FindingsIngest {
  constructor(
    private readonly productVersion: string,
    private readonly chunkSize = 2_000,
  ) {}

  async ingest(
    manager: EntityManager,
    tenantId: TenantId,
    batches: readonly FindingsRaw[],
  ): Promise<IngestOutcome> {
    const jobs = await this.jobsOf(manager, tenantId, batches);
    const fresh = await this.claimBatches(manager, tenantId, batches);
    if (fresh.length === 0) {
      return { batches: 0, duplicateBatches: batches.length, written: 0, changes: 0, resolved: 0 };
    }
    // Scope rows first, then findings: the lock order of the final event's path too.
    const counted: CountedScopes[] = [];
    for (const [jobId, scopes] of storedScopesByJob(fresh)) {
      const job = jobs.get(jobId)!;
      counted.push(
        await countStoredResults(
          manager,
          tenantId,
          { jobId, scanId: job.scan_id, accountId: job.account_id },
          scopes,
        ),
      );
    }
    const contexts = await this.contextsOf(manager, tenantId, fresh, jobs);
    const observed = observationsOf(fresh, tenantId).sort((a, b) => (a.uid < b.uid ? -1 : 1));
    const cleanRuns = await this.cleanRunsCovering(manager, tenantId, observed);

    let written = 0;
    const changes: FindingChange[] = [];
    for (let i = 0; i < observed.length; i += this.chunkSize) {
      const part = observed.slice(i, i + this.chunkSize);
      const stored = await this.lock(manager, tenantId, part);
      const rows: FindingRow[] = [];
      for (const o of part) {
        const current = stored.get(o.uid);
        const observedNow = observe(current && stateOf(current), o);
        if (!observedNow.applied) continue;
        const cleanRun =
          o.kind === 'check'
            ? cleanRuns.get(cleanRunKey(o.batch.accountId, o.result.region, o.result.checkId))
            : undefined;
        const resolvedLater = cleanRun ? resolveUnreported(observedNow.state, cleanRun) : undefined;
        const next = resolvedLater?.applied ? resolvedLater : observedNow;
        const context = contexts.get(o.batch.jobId);
        if (!context) throw new UnknownJobError(`job ${o.batch.jobId} has no context`);
        const row = this.rowOf(o, next.state, context, current?.suppressed_by ?? null);
        rows.push(resolvedLater?.applied ? { ...row, compliance: null } : row);
        const base = {
          uid: o.uid,
          scanId: o.batch.scanId,
          jobId: o.batch.jobId,
          observedAt: o.observedAt,
          accountId: o.batch.accountId,
          region: o.kind === 'check' ? o.result.region : o.finding.region,
          checkId: o.kind === 'check' ? o.result.checkId : null,
          severity: row.severity,
        };
        const ruleSuppressed = (current?.suppressed_by ?? null) !== null;
        changes.push(...changesOf(base, current?.status ?? null, observedNow, ruleSuppressed));
        if (resolvedLater?.applied) {
          changes.push(
            ...changesOf(
              { ...base, observedAt: cleanRun! },
              observedNow.state.status,
              resolvedLater,
              ruleSuppressed,
            ),
          );
        }
      }
      written += await this.upsert(manager, tenantId, rows);
    }
    await recordFindingChanges(manager, tenantId, changes);
    const [only, ...others] = new Set(fresh.map((b) => b.jobId));
    const onlyJob = only !== undefined && others.length === 0 ? jobs.get(only) : undefined;
    const suppression = await applySuppression(
      manager,
      tenantId,
      { uids: observed.map((o) => o.uid) },
      onlyJob ? { scanId: onlyJob.scan_id, jobId: onlyJob.id } : undefined,
    );

    let resolved = 0;
    for (const c of counted) resolved += await resolveCounted(manager, tenantId, c);
    // A job already finished was waiting for these results to close its scan.
    const finishedScans = new Set(
      fresh
        .map((b) => jobs.get(b.jobId)!)
        .filter((j) => isTerminalJobStatus(j.status))
        .map((j) => j.scan_id),
    );
    for (const scanId of [...finishedScans].sort()) {
      await refreshScan(manager, tenantId, scanId, new Date());
    }
    return {
      batches: fresh.length,
      duplicateBatches: batches.length - fresh.length,
      written,
      changes: changes.length + suppression.length + resolved,
      resolved,
    };
  }

  /**
   * Later clean runs of the observations' scopes: a result older than a run that already
   * resolved its scope (a redelivery from an earlier scan) is resolved as of that run, so the
   * final state does not depend on the order messages arrive in.
   */
  private async cleanRunsCovering(
    manager: EntityManager,
    tenantId: TenantId,
    observed: readonly Observed[],
  ): Promise<Map<string, Date>> {
    const checks = observed.filter((o) => o.kind === 'check');
    if (checks.length === 0) return new Map();
    const since = new Date(Math.min(...checks.map((o) => o.observedAt.getTime())));
    const accounts = [...new Set(checks.map((o) => o.batch.accountId))];
    return cleanRunsAfter(manager, tenantId, accounts, since);
  }

  /**
   * The batches' jobs, locked (shared) first — the order of the job-event path: job, scopes,
   * findings, scan — so a final event handled at the same time either sees this batch
   * committed or is seen finished here. Each is checked against its batch: unknown or mismatched → permanent error. */
  private async jobsOf(
    manager: EntityManager,
    tenantId: TenantId,
    batches: readonly FindingsRaw[],
  ): Promise<Map<string, JobRow>> {
    const ids = [...new Set(batches.map((b) => b.jobId))];
    const rows = await manager.query<JobRow[]>(
      `SELECT j.id, j.scan_id, j.account_id, j.status, s.source_id
         FROM public.scan_jobs j
         JOIN public.scans s ON s.tenant_id = j.tenant_id AND s.id = j.scan_id
        WHERE j.tenant_id = $1 AND j.id = ANY ($2::uuid[])
        ORDER BY j.id
          FOR SHARE OF j`,
      [tenantId, ids],
    );
    const jobs = new Map(rows.map((r) => [r.id, r]));
    for (const b of batches) {
      const job = jobs.get(b.jobId);
      if (!job || job.scan_id !== b.scanId || job.account_id !== b.accountId) {
        throw new UnknownJobError(
          `tenant ${tenantId} has no job ${b.jobId} of scan ${b.scanId} for account ${b.accountId}`,
        );
      }
    }
    return jobs;
  }

  /** Records each (job, batch) once; returns the batches not stored before (first of duplicates). */
  private async claimBatches(
    manager: EntityManager,
    tenantId: TenantId,
    batches: readonly FindingsRaw[],
  ): Promise<FindingsRaw[]> {
    const unique = new Map<string, FindingsRaw>();
    for (const b of batches) {
      const key = `${b.jobId}|${b.batchSeq}`;
      if (!unique.has(key)) unique.set(key, b);
    }
    const list = [...unique.values()].sort((a, b) =>
      a.jobId === b.jobId ? a.batchSeq - b.batchSeq : a.jobId < b.jobId ? -1 : 1,
    );
    const claimed = await manager.query<{ job_id: string; batch_seq: number }[]>(
      `INSERT INTO public.scan_job_batches (tenant_id, job_id, batch_seq, items)
       SELECT $1, b.job_id, b.batch_seq, b.items
         FROM unnest($2::uuid[], $3::int[], $4::int[]) AS b(job_id, batch_seq, items)
       ON CONFLICT (tenant_id, job_id, batch_seq) DO NOTHING
       RETURNING job_id, batch_seq`,
      [
        tenantId,
        list.map((b) => b.jobId),
        list.map((b) => b.batchSeq),
        list.map((b) => (b.kind === 'check-results' ? b.results.length : b.findings.length)),
      ],
    );
    const fresh = new Set(claimed.map((c) => `${c.job_id}|${c.batch_seq}`));
    return list.filter((b) => fresh.has(`${b.jobId}|${b.batchSeq}`));
  }

  /** The OCSF context of each job: its account's name and OU in the scan's source. */
  private async contextsOf(
    manager: EntityManager,
    tenantId: TenantId,
    batches: readonly FindingsRaw[],
    jobs: ReadonlyMap<string, JobRow>,
  ): Promise<Map<string, FindingContext>> {
    const used = [...new Set(batches.map((b) => b.jobId))].map((id) => jobs.get(id)!);
    const accounts = await manager.query<AccountRow[]>(
      `SELECT a.source_id, a.account_id, a.name, a.ou_id, ou.name AS ou_name
         FROM public.accounts a
         LEFT JOIN public.organizational_units ou
           ON ou.tenant_id = a.tenant_id AND ou.source_id = a.source_id AND ou.ou_id = a.ou_id
        WHERE a.tenant_id = $1 AND a.source_id = ANY ($2::uuid[]) AND a.account_id = ANY ($3::character(12)[])`,
      [
        tenantId,
        [...new Set(used.map((j) => j.source_id))],
        [...new Set(used.map((j) => j.account_id))],
      ],
    );
    const byKey = new Map(accounts.map((a) => [`${a.source_id}|${a.account_id}`, a]));
    const partitions = new Map<string, string>();
    for (const b of batches) {
      if (partitions.has(b.jobId) || b.kind !== 'check-results') continue;
      const partition = b.results.map((r) => partitionOf(r.resourceUid)).find(Boolean);
      if (partition) partitions.set(b.jobId, partition);
    }
    const contexts = new Map<string, FindingContext>();
    for (const job of used) {
      const account = byKey.get(`${job.source_id}|${job.account_id}`);
      contexts.set(job.id, {
        tenantId,
        scanId: job.scan_id,
        jobId: job.id,
        partition: partitions.get(job.id) ?? 'aws',
        accountId: job.account_id,
        ...(account ? { accountName: account.name } : {}),
        ...(account?.ou_id
          ? {
              org: {
                ouUid: account.ou_id,
                ...(account.ou_name ? { ouName: account.ou_name } : {}),
              },
            }
          : {}),
        productVersion: this.productVersion,
      });
    }
    return contexts;
  }

  /** Locks the stored rows of these uids (uid order, as every writer locks) and reads them. */
  private async lock(
    manager: EntityManager,
    tenantId: TenantId,
    observed: readonly Observed[],
  ): Promise<Map<string, StoredRow>> {
    const rows = await manager.query<StoredRow[]>(
      `SELECT uid, status, state_at, first_seen_at, last_seen_at, resolved_at, source_suppressed,
              suppressed_by
         FROM public.findings
        WHERE tenant_id = $1 AND uid = ANY ($2::character(64)[])
        ORDER BY uid
          FOR UPDATE`,
      [tenantId, observed.map((o) => o.uid)],
    );
    return new Map(rows.map((r) => [r.uid, r]));
  }

  private rowOf(
    o: Observed,
    state: LifecycleState,
    context: FindingContext,
    suppressedBy: string | null,
  ): FindingRow {
    const lifecycle = {
      status: state.status,
      suppressedBy,
      sourceSuppressed: state.sourceSuppressed,
      firstSeenAt: state.firstSeenAt,
      lastSeenAt: state.lastSeenAt,
      resolvedAt: state.resolvedAt,
    };
    const common = { uid: o.uid, state, scanId: o.batch.scanId, jobId: o.batch.jobId };
    if (o.kind === 'check') {
      const r = o.result;
      const check = CHECKS.get(r.checkId);
      return {
        ...common,
        kind: 'check',
        accountId: o.batch.accountId,
        region: r.region,
        checkId: r.checkId,
        resourceUid: r.resourceUid,
        resourceType: r.resourceType,
        title: check?.title ?? r.checkId,
        severity: check?.severity ?? 'unknown',
        compliance: r.status,
        errorCode: r.errorCode ?? null,
        ocsf: JSON.stringify(mapCheckResult(r, check, context, o.uid, lifecycle)),
      };
    }
    const f = o.finding;
    return {
      ...common,
      kind: 'inspector',
      accountId: o.batch.accountId,
      region: f.region,
      checkId: null,
      resourceUid: f.resource.id,
      resourceType: f.resource.type,
      title: f.title.length > 0 ? f.title : f.type,
      severity: inspectorSeverity(f.severity),
      compliance: null,
      errorCode: null,
      ocsf: JSON.stringify(mapInspectorFinding(f, context, o.uid, lifecycle)),
    };
  }

  /**
   * One multi-row upsert. The guard keeps a row whose stored observation is newer (two writers
   * inserting the same new uid at once): the rows were computed under lock, so it only matters
   * for that race.
   */
  private async upsert(
    manager: EntityManager,
    tenantId: TenantId,
    rows: readonly FindingRow[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const col = <T>(f: (r: FindingRow) => T) => rows.map(f);
    const result = await manager.query<{ n: number }[]>(
      `WITH up AS (
         INSERT INTO public.findings AS f
           (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
            severity, status, compliance, error_code, source_suppressed, first_seen_at,
            last_seen_at, state_at, resolved_at, scan_id, job_id, ocsf)
         SELECT $1, r.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                $13::text[], $14::boolean[], $15::timestamptz[], $16::timestamptz[],
                $17::timestamptz[], $18::timestamptz[], $19::uuid[], $20::uuid[], $21::jsonb[]) AS r
         ON CONFLICT (tenant_id, uid) DO UPDATE SET
           status = EXCLUDED.status, compliance = EXCLUDED.compliance,
           error_code = EXCLUDED.error_code, severity = EXCLUDED.severity, title = EXCLUDED.title,
           resource_type = EXCLUDED.resource_type, source_suppressed = EXCLUDED.source_suppressed,
           first_seen_at = least(f.first_seen_at, EXCLUDED.first_seen_at),
           last_seen_at = greatest(f.last_seen_at, EXCLUDED.last_seen_at),
           state_at = EXCLUDED.state_at, resolved_at = EXCLUDED.resolved_at,
           scan_id = EXCLUDED.scan_id, job_id = EXCLUDED.job_id, ocsf = EXCLUDED.ocsf
         WHERE f.state_at <= EXCLUDED.state_at
         RETURNING 1
       ) SELECT count(*)::int AS n FROM up`,
      [
        tenantId,
        col((r) => r.uid),
        col((r) => r.kind),
        col((r) => r.accountId),
        col((r) => r.region),
        col((r) => r.checkId),
        col((r) => r.resourceUid),
        col((r) => r.resourceType),
        col((r) => r.title),
        col((r) => r.severity),
        col((r) => r.state.status),
        col((r) => r.compliance),
        col((r) => r.errorCode),
        col((r) => r.state.sourceSuppressed),
        col((r) => r.state.firstSeenAt),
        col((r) => r.state.lastSeenAt),
        col((r) => r.state.stateAt),
        col((r) => r.state.resolvedAt),
        col((r) => r.scanId),
        col((r) => r.jobId),
        col((r) => r.ocsf),
      ],
    );
    return result[0]?.n ?? 0;
  }
}

type ChangeBase = Omit<FindingChange, 'change' | 'fromStatus' | 'toStatus'>;

/**
 * The history rows (and announcements) of one transition. Suppression is announced on the
 * finding's overall state, as the rule path does: Inspector2's own flag flipping on a finding a
 * rule suppresses anyway is recorded in history only.
 */
function changesOf(
  base: ChangeBase,
  fromStatus: FindingStatus | null,
  transition: Transition,
  ruleSuppressed: boolean,
): FindingChange[] {
  const changes: FindingChange[] = [];
  const toStatus = transition.state.status;
  if (transition.statusChanged)
    changes.push({ ...base, fromStatus, toStatus, change: transition.change });
  if (transition.suppressionChange) {
    const change = ruleSuppressed ? null : transition.suppressionChange;
    changes.push({ ...base, fromStatus, toStatus, change });
  }
  return changes;
}

function stateOf(row: StoredRow): LifecycleState {
  return {
    status: row.status,
    stateAt: row.state_at,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    sourceSuppressed: row.source_suppressed,
  };
}
