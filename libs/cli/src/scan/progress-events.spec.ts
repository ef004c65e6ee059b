import { type ScanJobView } from '@palisade/api';
import { type ScanProgress } from './local-scan';
import { newlyFinishedJobs, progressEvents } from './progress-events';

type Job = ScanProgress['jobs'][number];

const job = (overrides: Partial<Job> & Pick<ScanJobView, 'jobId' | 'accountId'>): Job => ({
  scope: 'account',
  status: 'pending',
  progress: null,
  result: null,
  skip: null,
  errors: [],
  errorsTotal: 0,
  startedAt: null,
  finishedAt: null,
  accountName: null,
  ...overrides,
});

const scan = (jobs: Job[], status: ScanProgress['status'] = 'running'): ScanProgress => ({
  status,
  error: null,
  jobs,
});

describe('progressEvents', () => {
  it('should announce the jobs once discovery has fanned out, and not again', () => {
    const first = scan([job({ jobId: 'j1', accountId: '111111111111' })]);
    expect(progressEvents(undefined, scan([]), new Map())).toEqual([]);
    expect(progressEvents(undefined, first, new Map())).toEqual([
      { kind: 'discovered', accounts: 1, jobs: 1 },
    ]);
    expect(progressEvents(first, first, new Map())).toEqual([]);
  });

  it('should report a job starting, moving and finishing with its result counts', () => {
    const a = { jobId: 'j1', accountId: '111111111111', accountName: 'prod' };
    const pending = scan([job(a)]);
    const running = scan([
      job({
        ...a,
        status: 'running',
        progress: { regionsDone: 1, regionsTotal: 2, checksDone: 40, at: 'x' },
      }),
    ]);
    const done = scan([job({ ...a, status: 'succeeded', errorsTotal: 2 })], 'completed');

    expect(progressEvents(pending, running, new Map())).toEqual([
      {
        kind: 'job-started',
        accountId: a.accountId,
        jobId: 'j1',
        scope: 'account',
        accountName: 'prod',
      },
      {
        kind: 'job-progress',
        accountId: a.accountId,
        jobId: 'j1',
        scope: 'account',
        regionsDone: 1,
        regionsTotal: 2,
        checksDone: 40,
        checksTotal: 0,
      },
    ]);
    expect(newlyFinishedJobs(running, done).map((j) => j.jobId)).toEqual(['j1']);
    expect(progressEvents(running, done, new Map([['j1', { pass: 7, fail: 3 }]]))).toEqual([
      {
        kind: 'job-finished',
        accountId: a.accountId,
        jobId: 'j1',
        scope: 'account',
        status: 'succeeded',
        errors: 2,
        pass: 7,
        fail: 3,
      },
    ]);
    expect(newlyFinishedJobs(done, done)).toEqual([]);
  });

  it('should report each error once, as it is first listed', () => {
    const a = { jobId: 'j1', accountId: '111111111111', status: 'running' as const };
    const denied = { code: 'ACCESS_DENIED', message: 'denied', region: 'eu-west-1', checkId: 'c1' };
    const one = scan([job({ ...a, errors: [denied], errorsTotal: 1 })]);
    const two = scan([
      job({ ...a, errors: [denied, { code: 'THROTTLED', message: 'slow down' }], errorsTotal: 2 }),
    ]);
    expect(progressEvents(one, two, new Map())).toEqual([
      { kind: 'error', accountId: a.accountId, code: 'THROTTLED', message: 'slow down' },
    ]);
    expect(progressEvents(scan([job(a)]), one, new Map())).toEqual([
      {
        kind: 'error',
        accountId: a.accountId,
        code: 'ACCESS_DENIED',
        message: 'eu-west-1: c1: denied',
      },
    ]);
  });
});
