import { type ProgressEvent } from '../presentation/progress-state';
import { type JobResultCounts, type ScanProgress } from './local-scan';

type Job = ScanProgress['jobs'][number];

const FINISHED_JOB = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** Jobs that reached a final status between two readings of the scan. */
export function newlyFinishedJobs(before: ScanProgress | undefined, now: ScanProgress): Job[] {
  const was = new Map(before?.jobs.map((job) => [job.jobId, job.status]));
  return now.jobs.filter(
    (job) => FINISHED_JOB.has(job.status) && !FINISHED_JOB.has(was.get(job.jobId) ?? 'pending'),
  );
}

/**
 * What changed between two readings of a scan, as the progress reporter's events: the job
 * list when discovery has fanned out, each job starting, moving and finishing, and every error
 * not shown yet (a job lists its first errors; the count says how many more there are).
 */
export function progressEvents(
  before: ScanProgress | undefined,
  now: ScanProgress,
  counts: ReadonlyMap<string, JobResultCounts>,
): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  if (now.jobs.length > 0 && now.jobs.length !== (before?.jobs.length ?? 0)) {
    events.push({
      kind: 'discovered',
      accounts: new Set(now.jobs.map((job) => job.accountId)).size,
      jobs: now.jobs.length,
    });
  }
  const previous = new Map(before?.jobs.map((job) => [job.jobId, job]));
  for (const job of now.jobs) {
    const was = previous.get(job.jobId);
    const ids = { accountId: job.accountId, jobId: job.jobId, scope: job.scope };
    if ((was === undefined || was.status === 'pending') && job.status !== 'pending') {
      events.push({
        kind: 'job-started',
        ...ids,
        ...(job.accountName === null ? {} : { accountName: job.accountName }),
      });
    }
    if (
      job.progress !== null &&
      (was?.progress?.regionsDone !== job.progress.regionsDone ||
        was.progress.checksDone !== job.progress.checksDone ||
        was.progress.regionsTotal !== job.progress.regionsTotal)
    ) {
      events.push({
        kind: 'job-progress',
        ...ids,
        regionsDone: job.progress.regionsDone,
        regionsTotal: job.progress.regionsTotal,
        checksDone: job.progress.checksDone,
        checksTotal: 0,
      });
    }
    const seen = was?.errors.length ?? 0;
    for (const error of job.errors.slice(seen)) {
      events.push({
        kind: 'error',
        accountId: job.accountId,
        code: error.code,
        message: [error.region, error.checkId ?? error.collector, error.message]
          .filter((part) => part !== undefined && part !== '')
          .join(': '),
      });
    }
  }
  for (const job of newlyFinishedJobs(before, now)) {
    const result = counts.get(job.jobId) ?? { pass: 0, fail: 0 };
    events.push({
      kind: 'job-finished',
      accountId: job.accountId,
      jobId: job.jobId,
      scope: job.scope,
      status: job.status as 'succeeded' | 'failed' | 'skipped' | 'cancelled',
      errors: job.errorsTotal,
      pass: result.pass,
      fail: result.fail,
    });
  }
  return events;
}
