import { ProgressState, type ProgressEvent } from './progress-state';

const A = '111122223333';
const B = '444455556666';

function stateAfter(...events: ProgressEvent[]): ProgressState {
  const state = new ProgressState();
  for (const event of events) state.apply(event);
  return state;
}

function finished(
  accountId: string,
  status: 'succeeded' | 'failed' | 'skipped' | 'cancelled',
  errors = 0,
): ProgressEvent {
  return { kind: 'job-finished', accountId, status, errors, pass: 1, fail: 1 };
}

describe('ProgressState', () => {
  it('should count accounts against the discovered total', () => {
    const state = stateAfter(
      { kind: 'discovered', accounts: 3, jobs: 3 },
      { kind: 'job-started', accountId: A },
      { kind: 'job-started', accountId: B },
      finished(A, 'succeeded'),
    );
    expect(state.accounts).toEqual({ done: 1, total: 3 });
    expect(state.discovered).toBe(true);
    expect(state.running).toEqual([B]);
  });

  it('should count the accounts seen while discovery has not said', () => {
    const state = stateAfter({ kind: 'job-started', accountId: A }, finished(B, 'failed'));
    expect(state.discovered).toBe(false);
    expect(state.accounts).toEqual({ done: 1, total: 2 });
  });

  it('should finish an account only when its organization job is done too', () => {
    const events: ProgressEvent[] = [
      { kind: 'discovered', accounts: 1, jobs: 2 },
      { kind: 'job-started', accountId: A },
      { kind: 'job-started', accountId: A, scope: 'organization' },
      finished(A, 'succeeded'),
    ];
    expect(stateAfter(...events).accounts.done).toBe(0);
    expect(stateAfter(...events).running).toEqual([A]);
    const done = stateAfter(...events, {
      kind: 'job-finished',
      accountId: A,
      scope: 'organization',
      status: 'failed',
      errors: 1,
      pass: 0,
      fail: 0,
    });
    expect(done.accounts.done).toBe(1);
    expect(done.outcomes).toEqual({ succeeded: 0, failed: 1, skipped: 0, cancelled: 0 });
  });

  it('should sum regions and checks over jobs, and fill a succeeded job', () => {
    const progress = (accountId: string, regionsDone: number, checksDone: number) =>
      ({
        kind: 'job-progress',
        accountId,
        regionsDone,
        regionsTotal: 10,
        checksDone,
        checksTotal: 100,
      }) as const;
    const running = stateAfter(progress(A, 3, 30), progress(B, 5, 50), progress(A, 4, 45));
    expect(running.regions).toEqual({ done: 9, total: 20 });
    expect(running.checks).toEqual({ done: 95, total: 200 });
    const after = stateAfter(
      progress(A, 4, 45),
      progress(B, 5, 50),
      finished(A, 'succeeded'),
      finished(B, 'failed'),
    );
    expect(after.regions).toEqual({ done: 15, total: 20 });
    expect(after.checks).toEqual({ done: 150, total: 200 });
  });

  it('should count errors once: the events seen, then the jobs’ own counts', () => {
    const error = (accountId?: string): ProgressEvent => ({
      kind: 'error',
      ...(accountId === undefined ? {} : { accountId }),
      code: 'ACCESS_DENIED',
      message: 'denied',
    });
    const during = stateAfter({ kind: 'job-started', accountId: A }, error(A), error(A), error());
    expect(during.errors).toBe(3);
    expect(stateAfter(error(A), error(A), error(), finished(A, 'failed', 2)).errors).toBe(3);
    expect(stateAfter(error(A), finished(A, 'succeeded', 5)).errors).toBe(5);
    expect(stateAfter(error(A), error(A), finished(A, 'failed', 1)).errors).toBe(2);
    expect(during.lastError).toEqual({ code: 'ACCESS_DENIED', message: 'denied' });
  });

  it('should not take an account only an error named as finished', () => {
    const state = stateAfter({ kind: 'error', accountId: A, code: 'X', message: 'm' });
    expect(state.accounts).toEqual({ done: 0, total: 0 });
  });

  it('should class each finished account by its worst outcome', () => {
    const state = stateAfter(
      finished('000000000001', 'succeeded'),
      finished('000000000002', 'skipped'),
      finished('000000000003', 'cancelled'),
      finished('000000000004', 'failed'),
      finished('000000000005', 'succeeded'),
    );
    expect(state.outcomes).toEqual({ succeeded: 2, failed: 1, skipped: 1, cancelled: 1 });
  });

  it('should remember account names and the finish', () => {
    const state = stateAfter(
      { kind: 'job-started', accountId: A, accountName: 'prod' },
      { kind: 'finished' },
    );
    expect(state.nameOf(A)).toBe('prod');
    expect(state.nameOf(B)).toBeUndefined();
    expect(state.finished).toBe(true);
  });
});
