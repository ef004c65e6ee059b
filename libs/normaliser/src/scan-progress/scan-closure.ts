import { type ScanLifecycle } from '@palisade/contracts';
import { type ScanJobScope, type ScanJobStatus } from '@palisade/persistence';

/** Jobs of one scan with one scope and status. */
export interface JobTally {
  readonly scope: ScanJobScope;
  readonly status: ScanJobStatus;
  readonly jobs: number;
  /** Succeeded jobs whose final event reported errors (or failed regions). */
  readonly withErrors: number;
  /** Skipped jobs whose reason is CANCELLED (the scan was cancelled before they started). */
  readonly cancelledSkips: number;
  /**
   * Finished jobs whose result batches are not all stored yet (`findings.raw` and the final
   * event travel on different topics): the scan waits for them, so its counts are complete.
   */
  readonly awaitingResults: number;
}

/** `finding_history` rows of the scan by announced change. */
export interface FindingCounts {
  readonly new: number;
  readonly resolved: number;
  readonly reopened: number;
}

/**
 * `scans.counts`. Accounts are the `account` jobs; the organization-level job (an
 * `organization` source has one) is counted apart under `organizationJobs*`, so "accounts"
 * always means AWS accounts scanned. `*Done` = succeeded (possibly with errors, counted in
 * `jobsWithErrors`); a job neither done, failed, skipped nor cancelled is still pending or
 * running. Findings counts are `finding_history` rows of the scan by change.
 */
export interface ScanCounts {
  readonly accountsTotal: number;
  readonly accountsDone: number;
  readonly accountsFailed: number;
  readonly accountsSkipped: number;
  readonly accountsCancelled: number;
  readonly organizationJobsTotal: number;
  readonly organizationJobsDone: number;
  readonly organizationJobsFailed: number;
  readonly organizationJobsSkipped: number;
  readonly organizationJobsCancelled: number;
  readonly jobsWithErrors: number;
  readonly findingsNew: number;
  readonly findingsResolved: number;
  readonly findingsReopened: number;
}

export type ClosingStatus = ScanLifecycle['status'];

function sum(
  tally: readonly JobTally[],
  value: (row: JobTally) => number,
  where: (row: JobTally) => boolean = () => true,
): number {
  return tally.filter(where).reduce((total, row) => total + value(row), 0);
}

const jobs = (row: JobTally) => row.jobs;

export function scanCounts(tally: readonly JobTally[], findings: FindingCounts): ScanCounts {
  const of = (scope: ScanJobScope, status?: ScanJobStatus) =>
    sum(tally, jobs, (r) => r.scope === scope && (status === undefined || r.status === status));
  return {
    accountsTotal: of('account'),
    accountsDone: of('account', 'succeeded'),
    accountsFailed: of('account', 'failed'),
    accountsSkipped: of('account', 'skipped'),
    accountsCancelled: of('account', 'cancelled'),
    organizationJobsTotal: of('organization'),
    organizationJobsDone: of('organization', 'succeeded'),
    organizationJobsFailed: of('organization', 'failed'),
    organizationJobsSkipped: of('organization', 'skipped'),
    organizationJobsCancelled: of('organization', 'cancelled'),
    jobsWithErrors: sum(tally, (r) => r.withErrors),
    findingsNew: findings.new,
    findingsResolved: findings.resolved,
    findingsReopened: findings.reopened,
  };
}

/** The counts `scan.lifecycle` carries (its contract counts accounts only). */
export function lifecycleCounts(counts: ScanCounts): ScanLifecycle['counts'] {
  return {
    accountsDone: counts.accountsDone,
    accountsFailed: counts.accountsFailed,
    accountsSkipped: counts.accountsSkipped,
    findingsNew: counts.findingsNew,
    findingsResolved: counts.findingsResolved,
    findingsReopened: counts.findingsReopened,
  };
}

/**
 * How the scan closes, or null while a job is pending or running, a finished job's results are
 * still arriving (or it has no job yet):
 * `cancelled` if a job was cancelled or skipped because of the cancellation; else `failed` if
 * no job succeeded and one failed; else `completed_with_errors` if a job failed or a succeeded
 * one reported errors; else `completed` (also when every job was skipped).
 */
export function closingStatus(tally: readonly JobTally[]): ClosingStatus | null {
  const count = (status: ScanJobStatus) => sum(tally, jobs, (r) => r.status === status);
  if (sum(tally, jobs) === 0 || count('pending') > 0 || count('running') > 0) return null;
  if (sum(tally, (r) => r.awaitingResults) > 0) return null;
  if (count('cancelled') > 0 || sum(tally, (r) => r.cancelledSkips) > 0) return 'cancelled';
  const failed = count('failed');
  if (failed > 0 && count('succeeded') === 0) return 'failed';
  if (failed > 0 || sum(tally, (r) => r.withErrors) > 0) return 'completed_with_errors';
  return 'completed';
}

/** A failed job, as the scan's error text names it. */
export interface FailedJob {
  readonly scope: ScanJobScope;
  readonly accountId: string;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/** Failed jobs the scan's error names one by one; the rest are counted. */
export const LISTED_FAILURES = 5;
const MESSAGE_CHARS = 200;

function describe(job: FailedJob): string {
  const message = (job.errorMessage ?? '').trim();
  const short = message.length > MESSAGE_CHARS ? `${message.slice(0, MESSAGE_CHARS)}…` : message;
  const who = job.scope === 'organization' ? `organization job (${job.accountId})` : job.accountId;
  return `${who}: ${job.errorCode ?? 'FAILED'}${short === '' ? '' : ` (${short})`}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The scan's `error`: what went wrong, for a person reading the scan (null when it completed
 * cleanly). `failed` lists the first failed jobs (up to LISTED_FAILURES, by scope and account).
 */
export function closureError(
  status: ClosingStatus,
  tally: readonly JobTally[],
  failed: readonly FailedJob[],
): string | null {
  if (status === 'completed') return null;
  const total = sum(tally, jobs);
  const failedCount = sum(tally, jobs, (r) => r.status === 'failed');
  const withErrors = sum(tally, (r) => r.withErrors);
  const parts: string[] = [];
  if (status === 'cancelled') {
    const cancelled = sum(tally, jobs, (r) => r.status === 'cancelled');
    const skipped = sum(tally, (r) => r.cancelledSkips);
    parts.push(
      `the scan was cancelled: ${plural(cancelled, 'job')} stopped, ${skipped} not started`,
    );
  }
  if (failedCount > 0) {
    const listed = failed.slice(0, LISTED_FAILURES).map(describe).join('; ');
    const more = failedCount - Math.min(failed.length, LISTED_FAILURES);
    parts.push(
      `${failedCount} of ${plural(total, 'job')} failed: ${listed}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
  if (withErrors > 0) {
    parts.push(`${plural(withErrors, 'job')} finished with errors (see each job's result)`);
  }
  return parts.join('. ');
}
