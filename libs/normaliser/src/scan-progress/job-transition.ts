import { type ScanJobEvent } from '@palisade/contracts';
import { type ScanJobStatus } from '@palisade/persistence';
import { finishedJobResult, isFinishedResult, jobProgress, progressAt } from './job-result';

export const TERMINAL_JOB_STATUSES: readonly ScanJobStatus[] = [
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
];

export function isTerminalJobStatus(status: ScanJobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

/** The columns of a `scan_jobs` row that job events change. */
export interface JobState {
  readonly status: ScanJobStatus;
  readonly acknowledgedAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly skipReason: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly result: Record<string, unknown> | null;
}

/** What an event changes on the job row: an absent field is left as it is. */
export type JobPatch = { -readonly [K in keyof JobState]?: Exclude<JobState[K], null> };

/**
 * The change one event makes to a job, given the job as it is now (read under a row lock).
 * Idempotent and order-tolerant: a terminal status (succeeded, failed, skipped, cancelled)
 * never changes again, so a duplicate or a late `started` / `progress` changes nothing but
 * the acknowledgement (and an empty `started_at`); a `finished` after a timeout keeps the job
 * failed and only stores its result. The first event of any kind acknowledges the job (discovery stops re-emitting it).
 */
export function jobPatch(job: JobState, event: ScanJobEvent, now: Date): JobPatch {
  const patch: JobPatch = job.acknowledgedAt === null ? { acknowledgedAt: now } : {};
  const at = new Date(event.at);
  const terminal = isTerminalJobStatus(job.status);
  switch (event.type) {
    case 'started':
      if (job.status === 'pending') start(patch, job, at);
      // A start overtaken by the job's failure still says when the job ran (a skipped job
      // keeps none: it is reported as not run).
      else if (job.startedAt === null && job.status !== 'skipped') patch.startedAt = at;
      return patch;
    case 'progress': {
      if (terminal) return patch;
      if (job.status === 'pending') start(patch, job, at);
      const seen = progressAt(job.result);
      // A redelivered older progress must not hide a newer one.
      if (seen === undefined || Date.parse(seen) <= at.getTime()) {
        patch.result = { ...job.result, progress: jobProgress(event) };
      }
      return patch;
    }
    case 'finished': {
      const startedAt = new Date(event.timings.startedAt);
      if (!terminal) {
        patch.status = event.cancelled ? 'cancelled' : 'succeeded';
        patch.startedAt = job.startedAt ?? startedAt;
        patch.finishedAt = at;
        patch.result = { ...finishedJobResult(event) };
      } else if (!isFinishedResult(job.result)) {
        // Closed before its final event (JOB_TIMEOUT, or skipped): the status stays, the
        // result is kept for the record.
        if (job.startedAt === null) patch.startedAt = startedAt;
        patch.result = { ...finishedJobResult(event) };
      }
      return patch;
    }
    case 'skipped':
      if (!terminal) {
        patch.status = 'skipped';
        patch.skipReason = event.reason;
        patch.errorMessage = event.message;
        patch.finishedAt = at;
      } else if (job.status === 'skipped') {
        // Discovery inserted it skipped: its event completes what discovery left empty.
        if (job.skipReason === null) patch.skipReason = event.reason;
        if (job.errorMessage === null) patch.errorMessage = event.message;
        if (job.finishedAt === null) patch.finishedAt = at;
      }
      return patch;
    case 'failed':
      if (!terminal) {
        patch.status = 'failed';
        patch.errorCode = event.code;
        patch.errorMessage = event.message;
        patch.finishedAt = at;
      } else if (job.status === 'failed') {
        if (job.errorCode === null) patch.errorCode = event.code;
        if (job.errorMessage === null) patch.errorMessage = event.message;
        if (job.finishedAt === null) patch.finishedAt = at;
      }
      return patch;
  }
}

function start(patch: JobPatch, job: JobState, at: Date): void {
  patch.status = 'running';
  if (job.startedAt === null) patch.startedAt = at;
}

export function isEmptyPatch(patch: JobPatch): boolean {
  return Object.keys(patch).length === 0;
}
