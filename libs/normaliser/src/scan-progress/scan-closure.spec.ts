import { type ScanJobScope, type ScanJobStatus } from '@palisade/persistence';
import {
  closingStatus,
  closureError,
  type FailedJob,
  type JobTally,
  lifecycleCounts,
  scanCounts,
} from './scan-closure';

const row = (
  status: ScanJobStatus,
  jobs: number,
  extra: Partial<Omit<JobTally, 'status' | 'jobs'>> = {},
): JobTally => ({
  scope: 'account',
  status,
  jobs,
  withErrors: 0,
  cancelledSkips: 0,
  awaitingResults: 0,
  ...extra,
});

const failure = (accountId: string, scope: ScanJobScope = 'account'): FailedJob => ({
  scope,
  accountId,
  errorCode: 'ASSUME_ROLE_DENIED',
  errorMessage: `not authorized to assume the role in ${accountId}`,
});

describe('closingStatus', () => {
  it('should keep a scan open while a job is pending or running, or before it has any job', () => {
    expect(closingStatus([])).toBeNull();
    expect(closingStatus([row('succeeded', 3), row('pending', 1)])).toBeNull();
    expect(closingStatus([row('succeeded', 3), row('running', 1)])).toBeNull();
  });

  it('should complete a scan whose jobs all succeeded cleanly or were skipped', () => {
    expect(closingStatus([row('succeeded', 3), row('skipped', 2)])).toBe('completed');
    expect(closingStatus([row('skipped', 2)])).toBe('completed');
  });

  it('should complete with errors when a job failed or a succeeded job reported errors', () => {
    expect(closingStatus([row('succeeded', 2), row('failed', 1)])).toBe('completed_with_errors');
    expect(closingStatus([row('succeeded', 2, { withErrors: 1 })])).toBe('completed_with_errors');
  });

  it('should fail a scan when no job succeeded and at least one failed', () => {
    expect(closingStatus([row('failed', 2)])).toBe('failed');
    expect(closingStatus([row('failed', 1), row('skipped', 4)])).toBe('failed');
  });

  it('should cancel a scan with a stopped job or a job skipped because of the cancellation', () => {
    expect(closingStatus([row('succeeded', 2), row('cancelled', 1)])).toBe('cancelled');
    expect(closingStatus([row('failed', 1), row('skipped', 2, { cancelledSkips: 2 })])).toBe(
      'cancelled',
    );
    expect(closingStatus([row('skipped', 1, { cancelledSkips: 1 })])).toBe('cancelled');
  });

  it('waits while a finished job has result batches not stored yet', () => {
    expect(closingStatus([row('succeeded', 2, { awaitingResults: 1 })])).toBeNull();
    expect(closingStatus([row('succeeded', 2)])).toBe('completed');
  });
});

describe('scanCounts', () => {
  it('should count accounts and the organization job apart, and the findings by change', () => {
    const counts = scanCounts(
      [
        row('succeeded', 3, { withErrors: 1 }),
        row('failed', 2),
        row('skipped', 1),
        row('cancelled', 1),
        row('running', 2),
        {
          scope: 'organization',
          status: 'succeeded',
          jobs: 1,
          withErrors: 1,
          cancelledSkips: 0,
          awaitingResults: 0,
        },
      ],
      { new: 5, resolved: 2, reopened: 1 },
    );
    expect(counts).toEqual({
      accountsTotal: 9,
      accountsDone: 3,
      accountsFailed: 2,
      accountsSkipped: 1,
      accountsCancelled: 1,
      organizationJobsTotal: 1,
      organizationJobsDone: 1,
      organizationJobsFailed: 0,
      organizationJobsSkipped: 0,
      organizationJobsCancelled: 0,
      jobsWithErrors: 2,
      findingsNew: 5,
      findingsResolved: 2,
      findingsReopened: 1,
    });
    expect(lifecycleCounts(counts)).toEqual({
      accountsDone: 3,
      accountsFailed: 2,
      accountsSkipped: 1,
      findingsNew: 5,
      findingsResolved: 2,
      findingsReopened: 1,
    });
  });
});

describe('closureError', () => {
  it('should say nothing about a clean scan', () => {
    expect(closureError('completed', [row('succeeded', 2)], [])).toBeNull();
  });

  it('should name the failed jobs with code and message, and count the rest', () => {
    const tally = [row('succeeded', 1, { withErrors: 1 }), row('failed', 7)];
    const failed = [
      failure('111111111111'),
      failure('222222222222'),
      failure('333333333333'),
      failure('444444444444'),
      failure('555555555555'),
    ];
    const text = closureError('completed_with_errors', tally, failed);
    expect(text).toBe(
      '7 of 8 jobs failed: ' +
        failed
          .map(
            (f) =>
              `${f.accountId}: ASSUME_ROLE_DENIED (not authorized to assume the role in ${f.accountId})`,
          )
          .join('; ') +
        "; and 2 more. 1 job finished with errors (see each job's result)",
    );
  });

  it('should name the organization job and shorten long messages', () => {
    const text = closureError(
      'failed',
      [
        {
          scope: 'organization',
          status: 'failed',
          jobs: 1,
          withErrors: 0,
          cancelledSkips: 0,
          awaitingResults: 0,
        },
      ],
      [{ ...failure('111111111111', 'organization'), errorMessage: 'x'.repeat(500) }],
    );
    expect(text).toBe(
      `1 of 1 job failed: organization job (111111111111): ASSUME_ROLE_DENIED (${'x'.repeat(200)}…)`,
    );
  });

  it('should say a cancelled scan was cancelled and how many jobs it stopped', () => {
    expect(
      closureError(
        'cancelled',
        [row('cancelled', 1), row('skipped', 3, { cancelledSkips: 2 })],
        [],
      ),
    ).toBe('the scan was cancelled: 1 job stopped, 2 not started');
  });
});
