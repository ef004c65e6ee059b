import { type JobRow, jobView, type ScanRow, scanView } from './scan-views';
import { JOB_ERRORS_LISTED } from './scans.dto';

const job = (patch: Partial<JobRow>): JobRow => ({
  id: '0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
  account_id: '123456789012',
  scope: 'account',
  status: 'pending',
  skip_reason: null,
  error_code: null,
  error_message: null,
  started_at: null,
  finished_at: null,
  progress: null,
  finished: null,
  errors: [],
  errors_total: 0,
  ...patch,
});

describe('jobView', () => {
  it('shows a failed job its own error first, then the errors of its report', () => {
    const view = jobView(
      job({
        status: 'failed',
        error_code: 'JOB_TIMEOUT',
        error_message: 'no final event in 2 hours',
        errors: [{ code: 'ACCESS_DENIED', message: 'denied', region: 'eu-west-1' }],
        errors_total: 1,
      }),
    );
    expect(view.errors).toEqual([
      { code: 'JOB_TIMEOUT', message: 'no final event in 2 hours' },
      { code: 'ACCESS_DENIED', message: 'denied', region: 'eu-west-1' },
    ]);
    expect(view.errorsTotal).toBe(2);
  });

  it('names a failure without a code FAILED', () => {
    expect(jobView(job({ status: 'failed' })).errors).toEqual([{ code: 'FAILED', message: '' }]);
  });

  it('keeps at most JOB_ERRORS_LISTED errors and counts them all', () => {
    const errors = Array.from({ length: JOB_ERRORS_LISTED }, (_, i) => ({
      code: 'THROTTLED',
      message: `call ${i}`,
    }));
    const view = jobView(
      job({ status: 'failed', error_code: 'X', errors, errors_total: JOB_ERRORS_LISTED + 40 }),
    );
    expect(view.errors).toHaveLength(JOB_ERRORS_LISTED);
    expect(view.errors[0]?.code).toBe('X');
    expect(view.errorsTotal).toBe(JOB_ERRORS_LISTED + 41);
  });

  it("reads a skipped job's message as its skip detail, not an error", () => {
    const view = jobView(
      job({ status: 'skipped', skip_reason: 'OUT_OF_SCOPE', error_message: 'excluded by tag' }),
    );
    expect(view.skip).toEqual({ reason: 'OUT_OF_SCOPE', message: 'excluded by tag' });
    expect(view.errors).toEqual([]);
  });

  it('ignores malformed error entries and partial progress', () => {
    const view = jobView(
      job({
        status: 'running',
        progress: { regionsDone: 1 },
        errors: [null, 'text', { message: 'no code' }, { code: 'OK_CODE' }],
        errors_total: 4,
      }),
    );
    expect(view.progress).toBeNull();
    expect(view.errors).toEqual([{ code: 'OK_CODE', message: '' }]);
  });
});

describe('scanView', () => {
  const row: ScanRow = {
    id: '0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
    source_id: '5f0c4b1e-6a43-4d5e-9b1c-2a7e3f8d9c10',
    status: 'completed',
    trigger: {
      kind: 'schedule',
      scheduleId: '6a1d5c2f-7b54-4e6f-8c2d-3b8f4a9e0d21',
      dueAt: '2026-11-28T02:00:00.000Z',
    },
    request: { scope: {}, frameworks: ['cis-aws-foundations-v7.0.0'] },
    idempotency_key: 'schedule:x',
    counts: { accountsDone: 3, findingsNew: 2, future: 9, broken: 'x' },
    error: null,
    requested_at: new Date('2026-11-28T02:00:00.000Z'),
    started_at: new Date('2026-11-28T02:00:05.000Z'),
    finished_at: null,
    cancel_requested_at: null,
    requested_key: '2026-11-28T02:00:00.000000Z',
  };

  it('keeps the known counts only, and says who triggered the scan', () => {
    const view = scanView(row);
    expect(view.counts).toEqual({ accountsDone: 3, findingsNew: 2 });
    expect(view.trigger).toEqual({
      kind: 'schedule',
      scheduleId: '6a1d5c2f-7b54-4e6f-8c2d-3b8f4a9e0d21',
      dueAt: '2026-11-28T02:00:00.000Z',
    });
    expect(view.request).toEqual({ frameworks: ['cis-aws-foundations-v7.0.0'] });
    expect(view.startedAt).toBe('2026-11-28T02:00:05.000Z');
  });
});
