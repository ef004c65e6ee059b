import {
  type ScanJobScope,
  type ScanJobStatus,
  type ScanRequestSpec,
  type ScanStatus,
  type ScanTrigger,
} from '@palisade/persistence';
import { requestView } from './scan-request';
import { JOB_ERRORS_LISTED, SCAN_COUNT_KEYS, type ScanJobView, type ScanView } from './scans.dto';

/** A `scans` row as the service selects it. */
export interface ScanRow {
  id: string;
  source_id: string;
  status: ScanStatus;
  trigger: ScanTrigger;
  request: ScanRequestSpec;
  idempotency_key: string | null;
  counts: Record<string, unknown>;
  error: string | null;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  cancel_requested_at: Date | null;
  /** `requested_at` with its microseconds, for the list cursor. */
  requested_key: string;
}

export const SCAN_COLUMNS = `s.id, s.source_id, s.status, s."trigger", s.request, s.idempotency_key,
  s.counts, s.error, s.requested_at, s.started_at, s.finished_at, s.cancel_requested_at,
  to_char(s.requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS requested_key`;

/** A `scan_jobs` row as the service selects it (never the job payload). */
export interface JobRow {
  id: string;
  account_id: string;
  scope: ScanJobScope;
  status: ScanJobStatus;
  skip_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  progress: unknown;
  finished: unknown;
  errors: unknown;
  errors_total: number;
}

export const JOB_COLUMNS = `j.id, j.account_id, j.scope, j.status, j.skip_reason, j.error_code,
  j.error_message, j.started_at, j.finished_at,
  j.result -> 'progress' AS progress,
  CASE WHEN j.result ? 'timings' THEN jsonb_build_object(
    'scopes', j.result -> 'scopes', 'results', j.result -> 'results',
    'regions', j.result -> 'regions', 'cancelled', j.result -> 'cancelled') END AS finished,
  jsonb_path_query_array(coalesce(j.result -> 'errors', '[]'::jsonb), '$[0 to ${JOB_ERRORS_LISTED - 1}]') AS errors,
  jsonb_array_length(coalesce(j.result -> 'errors', '[]'::jsonb))::int AS errors_total`;

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

const int = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) ? value : 0;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function scanLinks(id: string): ScanView['links'] {
  return {
    self: `/v1/scans/${id}`,
    jobs: `/v1/scans/${id}/jobs`,
    cancel: `/v1/scans/${id}/cancel`,
  };
}

function triggerView(trigger: ScanTrigger): ScanView['trigger'] {
  switch (trigger.kind) {
    case 'api':
      return { kind: 'api', ...(trigger.apiKeyId ? { apiKeyId: trigger.apiKeyId } : {}) };
    case 'schedule':
      return { kind: 'schedule', scheduleId: trigger.scheduleId, dueAt: trigger.dueAt };
    case 'cli':
      return { kind: 'cli' };
  }
}

/** The counts the normaliser keeps, the known ones only. */
function countsView(counts: Record<string, unknown>): ScanView['counts'] {
  const view: ScanView['counts'] = {};
  for (const key of SCAN_COUNT_KEYS) {
    const value = counts[key];
    if (typeof value === 'number' && Number.isInteger(value)) view[key] = value;
  }
  return view;
}

export function scanView(row: ScanRow): ScanView {
  return {
    id: row.id,
    sourceId: row.source_id,
    status: row.status,
    trigger: triggerView(row.trigger),
    request: requestView(row.request),
    idempotencyKey: row.idempotency_key,
    counts: countsView(row.counts),
    error: row.error,
    requestedAt: row.requested_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    cancelRequestedAt: iso(row.cancel_requested_at),
    links: scanLinks(row.id),
  };
}

type JobError = ScanJobView['errors'][number];

function errorView(value: unknown): JobError | null {
  const error = record(value);
  const code = text(error?.['code']);
  if (error === null || code === undefined) return null;
  const region = text(error['region']);
  const checkId = text(error['checkId']);
  const collector = text(error['collector']);
  return {
    code,
    message: text(error['message']) ?? '',
    ...(region === undefined ? {} : { region }),
    ...(checkId === undefined ? {} : { checkId }),
    ...(collector === undefined ? {} : { collector }),
  };
}

/**
 * One job as the API shows it: the job's own failure (discovery's preflight, the timeout, the
 * scanner's `failed` event) first, then the errors of its final report, at most
 * JOB_ERRORS_LISTED of them; `errorsTotal` counts them all.
 */
export function jobView(row: JobRow): ScanJobView {
  const ownError: JobError[] =
    row.status === 'failed' || (row.error_code !== null && row.status !== 'skipped')
      ? [{ code: row.error_code ?? 'FAILED', message: row.error_message ?? '' }]
      : [];
  const reported = Array.isArray(row.errors)
    ? row.errors.map(errorView).filter((e): e is JobError => e !== null)
    : [];
  const progress = record(row.progress);
  const finished = record(row.finished);
  const regions = record(finished?.['regions']);
  return {
    jobId: row.id,
    accountId: row.account_id,
    scope: row.scope,
    status: row.status,
    progress:
      progress === null || text(progress['at']) === undefined
        ? null
        : {
            regionsDone: int(progress['regionsDone']),
            regionsTotal: int(progress['regionsTotal']),
            checksDone: int(progress['checksDone']),
            at: text(progress['at']) as string,
          },
    result:
      finished === null
        ? null
        : {
            scopesEvaluated: int(finished['scopes']),
            results: int(finished['results']),
            regionsScanned: texts(regions?.['scanned']),
            regionsNotEnabled: texts(regions?.['notEnabled']),
            cancelled: finished['cancelled'] === true,
          },
    skip:
      row.status === 'skipped'
        ? { reason: row.skip_reason ?? 'SKIPPED', message: row.error_message }
        : null,
    errors: [...ownError, ...reported].slice(0, JOB_ERRORS_LISTED),
    errorsTotal: ownError.length + row.errors_total,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}
