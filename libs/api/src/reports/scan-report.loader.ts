import { type CheckStatus } from '@palisade/contracts';
import { type FindingSeverity, type FindingStatus, PALISADE_VERSION } from '@palisade/findings';
import {
  type AccountState,
  type ScanJobScope,
  type ScanJobStatus,
  type ScanStatus,
  type SourceKind,
  type TenantId,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import {
  buildScanReport,
  type FindingCountRow,
  type JobRow,
  type OuRow,
  type ReportCatalogue,
  registryCatalogue,
  type SnapshotRow,
} from './scan-report.fold';
import {
  type FindingRow,
  REPORT_FINDINGS_LIMIT,
  REPORT_PROBLEMS_LIMIT,
  SCAN_COUNT_KEYS,
  type ScanProblem,
  type ScanReportCounts,
  type ScanReportModel,
  type ScanReportScan,
  TREND_DAYS,
} from './scan-report.model';

export interface LoadScanReportOptions {
  /** Rows of the findings table at most (1-50,000); default REPORT_FINDINGS_LIMIT. */
  readonly findingsLimit?: number;
  /** Default: the checks and frameworks of @palisade/checks. */
  readonly catalogue?: ReportCatalogue;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The report order of findings (FINDING_STATES, then severity, then last seen): open first.
 * Mirrors `findingState` of scan-report.fold.ts.
 */
const FINDING_ORDER = `
  CASE
    WHEN status = 'resolved' THEN 4
    WHEN status = 'compliant' THEN 5
    WHEN suppressed_by IS NOT NULL OR source_suppressed THEN 3
    WHEN status IN ('new', 'in_progress') THEN 0
    WHEN status = 'manual' THEN 1
    ELSE 2
  END,
  CASE severity
    WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3
    WHEN 'informational' THEN 4 ELSE 5
  END,
  last_seen_at DESC, uid`;

interface ScanSqlRow {
  id: string;
  status: ScanStatus;
  trigger: unknown;
  request: unknown;
  counts: unknown;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  cancel_requested_at: Date | null;
  source_id: string;
  source_name: string;
  source_kind: SourceKind;
  source_deleted: boolean;
  tenant_name: string;
  now: Date;
}

interface JobSqlRow {
  account_id: string;
  scope: ScanJobScope;
  status: ScanJobStatus;
  skip_reason: string | null;
  error_code: string | null;
  name: string | null;
  state: AccountState | null;
  ou_id: string | null;
  ou_path: string | null;
}

interface ProblemSqlRow {
  kind: ScanProblem['kind'];
  account_id: string;
  scope: ScanJobScope;
  region: string | null;
  check_id: string | null;
  code: string | null;
  message: string | null;
  total: number;
}

interface CountSqlRow {
  account_id: string;
  kind: 'check' | 'inspector';
  check_id: string | null;
  compliance: CheckStatus | null;
  status: FindingStatus;
  severity: FindingSeverity;
  suppressed: boolean;
  n: number;
}

interface FindingSqlRow {
  uid: string;
  kind: 'check' | 'inspector';
  severity: FindingSeverity;
  title: string;
  account_id: string;
  region: string;
  resource_uid: string;
  resource_type: string;
  check_id: string | null;
  status: FindingStatus;
  compliance: CheckStatus | null;
  suppressed: boolean;
  first_seen_at: Date;
  last_seen_at: Date;
}

/**
 * Reads the per-scan report of `scanId` in the caller's transaction, which must have `tenantId`
 * set (`TenantDb.run`, `withTenant`): RLS applies and every query also filters on the tenant.
 * Null when the tenant has no such scan (a malformed id included). The findings part is the
 * current state of the tenant's findings for the accounts the scan has jobs for.
 */
export async function loadScanReport(
  manager: EntityManager,
  tenantId: TenantId,
  scanId: string,
  options: LoadScanReportOptions = {},
): Promise<ScanReportModel | null> {
  const findingsLimit = options.findingsLimit ?? REPORT_FINDINGS_LIMIT;
  if (!Number.isInteger(findingsLimit) || findingsLimit < 1 || findingsLimit > 50_000) {
    throw new RangeError(`findingsLimit must be an integer in 1-50000, got ${findingsLimit}`);
  }
  if (!UUID.test(scanId)) return null;

  const [scanRow] = await manager.query<ScanSqlRow[]>(
    `SELECT s.id, s.status, s."trigger", s.request, s.counts, s.error, s.requested_at,
            s.started_at, s.finished_at, s.cancel_requested_at,
            src.id AS source_id, src.name AS source_name, src.kind AS source_kind,
            src.deleted_at IS NOT NULL AS source_deleted, t.name AS tenant_name, now() AS now
       FROM public.scans s
       JOIN public.sources src ON src.tenant_id = s.tenant_id AND src.id = s.source_id
       JOIN public.tenants t ON t.id = s.tenant_id
      WHERE s.tenant_id = $1 AND s.id = $2`,
    [tenantId, scanId],
  );
  if (scanRow === undefined) return null;

  const jobs = await manager.query<JobSqlRow[]>(
    `SELECT j.account_id, j.scope, j.status, j.skip_reason, j.error_code,
            a.name, a.state, a.ou_id, coalesce(o.path, a.ou_path) AS ou_path
       FROM public.scan_jobs j
       LEFT JOIN public.accounts a
         ON a.tenant_id = j.tenant_id AND a.source_id = $3 AND a.account_id = j.account_id
       LEFT JOIN public.organizational_units o
         ON o.tenant_id = a.tenant_id AND o.source_id = a.source_id AND o.ou_id = a.ou_id
      WHERE j.tenant_id = $1 AND j.scan_id = $2
      ORDER BY j.account_id, j.scope`,
    [tenantId, scanId, scanRow.source_id],
  );
  const accountIds = [...new Set(jobs.map((j) => j.account_id))];

  const problems = await manager.query<ProblemSqlRow[]>(
    `WITH jobs AS (
       SELECT account_id, scope, status, error_code, error_message, result
         FROM public.scan_jobs
        WHERE tenant_id = $1 AND scan_id = $2
     ), problems AS (
       SELECT 0 AS rank, 'failed' AS kind, account_id, scope, NULL::text AS region,
              NULL::text AS check_id, error_code AS code, error_message AS message
         FROM jobs WHERE status = 'failed'
       UNION ALL
       SELECT 1, 'region', j.account_id, j.scope, r ->> 'region', NULL, r ->> 'code', r ->> 'message'
         FROM jobs j
        CROSS JOIN LATERAL jsonb_array_elements(
          CASE WHEN jsonb_typeof(j.result #> '{regions,failed}') = 'array'
               THEN j.result #> '{regions,failed}' ELSE '[]'::jsonb END) AS r
       UNION ALL
       SELECT 2, 'error', j.account_id, j.scope, e ->> 'region', e ->> 'checkId', e ->> 'code',
              e ->> 'message'
         FROM jobs j
        CROSS JOIN LATERAL jsonb_array_elements(
          CASE WHEN jsonb_typeof(j.result -> 'errors') = 'array'
               THEN j.result -> 'errors' ELSE '[]'::jsonb END) AS e
     )
     SELECT kind, account_id, scope, region, check_id, code, message,
            (count(*) OVER ())::int AS total
       FROM problems
      ORDER BY rank, account_id, scope, region NULLS FIRST, check_id NULLS FIRST, code
      LIMIT $3`,
    [tenantId, scanId, REPORT_PROBLEMS_LIMIT],
  );

  const hasAccounts = accountIds.length > 0;
  const ous = await manager.query<OuRow[]>(
    `SELECT ou_id AS "ouId", name, parent_id AS "parentId", path
       FROM public.organizational_units
      WHERE tenant_id = $1 AND source_id = $2`,
    [tenantId, scanRow.source_id],
  );
  const counts = hasAccounts
    ? await manager.query<CountSqlRow[]>(
        `SELECT account_id, kind, check_id, compliance, status, severity,
                (suppressed_by IS NOT NULL OR source_suppressed) AS suppressed, count(*)::int AS n
           FROM public.findings
          WHERE tenant_id = $1 AND account_id = ANY ($2::character(12)[])
          GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        [tenantId, accountIds],
      )
    : [];
  const snapshots = hasAccounts
    ? await manager.query<SnapshotRow[]>(
        `SELECT day::text AS day, framework, sum(passed)::int AS passed, sum(failed)::int AS failed,
                sum(manual)::int AS manual, sum(errored)::int AS errored,
                sum(suppressed)::int AS suppressed
           FROM public.posture_snapshots
          WHERE tenant_id = $1 AND account_id = ANY ($2::character(12)[])
            AND day > (now() AT TIME ZONE 'UTC')::date - $3::int
          GROUP BY day, framework
          ORDER BY framework, day`,
        [tenantId, accountIds, TREND_DAYS],
      )
    : [];
  const findings = hasAccounts
    ? await manager.query<FindingSqlRow[]>(
        `SELECT uid, kind, severity, title, account_id, region, resource_uid, resource_type,
                check_id, status, compliance,
                (suppressed_by IS NOT NULL OR source_suppressed) AS suppressed,
                first_seen_at, last_seen_at
           FROM public.findings
          WHERE tenant_id = $1 AND account_id = ANY ($2::character(12)[])
          ORDER BY ${FINDING_ORDER}
          LIMIT $3`,
        [tenantId, accountIds, findingsLimit],
      )
    : [];

  return buildScanReport(
    {
      generatedAt: scanRow.now.toISOString(),
      palisadeVersion: PALISADE_VERSION,
      tenant: { id: tenantId, name: scanRow.tenant_name },
      scan: scanSummary(scanRow, problems),
      jobs: jobs.map((j): JobRow => ({
        accountId: j.account_id,
        scope: j.scope,
        status: j.status,
        skipReason: j.skip_reason,
        errorCode: j.error_code,
        name: j.name,
        state: j.state,
        ouId: j.ou_id,
        ouPath: j.ou_path,
      })),
      ous,
      counts: counts.map((c): FindingCountRow => ({
        accountId: c.account_id,
        kind: c.kind,
        checkId: c.check_id,
        compliance: c.compliance,
        status: c.status,
        severity: c.severity,
        suppressed: c.suppressed,
        count: c.n,
      })),
      snapshots,
      findings: findings.map((f): Omit<FindingRow, 'state'> => ({
        uid: f.uid,
        kind: f.kind,
        severity: f.severity,
        title: f.title,
        accountId: f.account_id,
        region: f.region,
        resourceUid: f.resource_uid,
        resourceType: f.resource_type,
        checkId: f.check_id,
        status: f.status,
        compliance: f.compliance,
        suppressed: f.suppressed,
        firstSeenAt: f.first_seen_at.toISOString(),
        lastSeenAt: f.last_seen_at.toISOString(),
      })),
      findingsLimit,
    },
    options.catalogue ?? registryCatalogue(),
  );
}

function scanSummary(row: ScanSqlRow, problems: readonly ProblemSqlRow[]): ScanReportScan {
  const trigger = record(row.trigger);
  const request = record(row.request);
  const scope = record(request['scope']);
  const kind = trigger['kind'];
  return {
    id: row.id,
    status: row.status,
    trigger: kind === 'schedule' || kind === 'cli' ? kind : 'api',
    scheduleId: typeof trigger['scheduleId'] === 'string' ? trigger['scheduleId'] : null,
    source: {
      id: row.source_id,
      name: row.source_name,
      kind: row.source_kind,
      deleted: row.source_deleted,
    },
    requestedAt: row.requested_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    cancelRequestedAt: row.cancel_requested_at?.toISOString() ?? null,
    request: {
      regions: strings(request['regions']),
      frameworks: strings(request['frameworks']),
      checks: strings(request['checks']),
      accountIds: strings(scope['accountIds']),
      ouIds: strings(scope['ouIds']),
    },
    counts: scanCounts(row.counts),
    error: row.error,
    problems: {
      total: problems[0]?.total ?? 0,
      items: problems.map((p) => ({
        kind: p.kind,
        accountId: p.account_id,
        scope: p.scope,
        region: p.region,
        checkId: p.check_id,
        code: p.code,
        message: p.message,
      })),
    },
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A non-empty list of strings, else null (not narrowed). */
function strings(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.filter((v): v is string => typeof v === 'string');
}

function scanCounts(value: unknown): ScanReportCounts {
  const counts = record(value);
  const of = (key: string) => {
    const n = counts[key];
    return typeof n === 'number' && Number.isFinite(n) ? n : 0;
  };
  return Object.fromEntries(SCAN_COUNT_KEYS.map((key) => [key, of(key)])) as Record<
    (typeof SCAN_COUNT_KEYS)[number],
    number
  >;
}
