import { type ScanJobEvent } from '@palisade/contracts';

type Finished = Extract<ScanJobEvent, { type: 'finished' }>;
type Progress = Extract<ScanJobEvent, { type: 'progress' }>;

/** `scan_jobs.result` once the job's final event is in (credentials never travel in events). */
export interface FinishedJobResult {
  /** Scopes evaluated and results declared for them (the resolution gate holds the detail). */
  readonly scopes: number;
  readonly results: number;
  readonly batches: number;
  readonly errors: Finished['errors'];
  readonly regions: Finished['regions'];
  /** Inspector2's status and finding count; its watermarks live in `inspector_watermarks`. */
  readonly inspector?: { readonly status: string; readonly findings: number };
  readonly sourceIdentityUsed?: boolean;
  readonly apiCalls: number;
  readonly timings: Finished['timings'];
  readonly cancelled: boolean;
}

/** `scan_jobs.result` of a running job: how far it got (the last progress event). */
export interface JobProgress {
  readonly regionsDone: number;
  readonly regionsTotal: number;
  readonly checksDone: number;
  readonly at: string;
}

export function finishedJobResult(event: Finished): FinishedJobResult {
  return {
    scopes: event.scopeCounts.length,
    results: event.scopeCounts.reduce((sum, scope) => sum + scope.count, 0),
    batches: event.batches,
    errors: event.errors,
    regions: event.regions,
    ...(event.inspector
      ? { inspector: { status: event.inspector.status, findings: event.inspector.findings } }
      : {}),
    ...(event.sourceIdentityUsed === undefined
      ? {}
      : { sourceIdentityUsed: event.sourceIdentityUsed }),
    apiCalls: event.apiCalls,
    timings: event.timings,
    cancelled: event.cancelled,
  };
}

export function jobProgress(event: Progress): JobProgress {
  return {
    regionsDone: event.regionsDone,
    regionsTotal: event.regionsTotal,
    checksDone: event.checksDone,
    at: event.at,
  };
}

/** Whether a stored result is a final event's (and not only progress). */
export function isFinishedResult(result: Record<string, unknown> | null): boolean {
  return result !== null && 'timings' in result;
}

/** The `at` of the progress stored in a result, if any. */
export function progressAt(result: Record<string, unknown> | null): string | undefined {
  const progress = result?.['progress'];
  if (typeof progress !== 'object' || progress === null || !('at' in progress)) return undefined;
  return typeof progress.at === 'string' ? progress.at : undefined;
}
