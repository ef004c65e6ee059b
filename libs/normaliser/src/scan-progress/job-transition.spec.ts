import { type ScanJobEvent, scanJobEventSchema } from '@palisade/contracts';
import { SCAN_JOB_STATUSES, type ScanJobStatus } from '@palisade/persistence';
import { isTerminalJobStatus, type JobState, jobPatch } from './job-transition';

const now = new Date('2026-03-01T12:00:00.000Z');
const base = {
  schemaVersion: 1,
  tenantId: '6f1c2a7e-1111-4111-8111-111111111111',
  scanId: '6f1c2a7e-2222-4222-8222-222222222222',
  jobId: '6f1c2a7e-3333-4333-8333-333333333333',
  accountId: '111111111111',
};
const event = (fields: Record<string, unknown>): ScanJobEvent =>
  scanJobEventSchema.parse({ ...base, ...fields });

const started = event({ type: 'started', at: '2026-03-01T10:00:00.000Z', worker: 'w1' });
const progress = (at: string, regionsDone: number) =>
  event({ type: 'progress', at, regionsDone, regionsTotal: 4, checksDone: 7 });
const finished = (fields: Record<string, unknown> = {}) =>
  event({
    type: 'finished',
    at: '2026-03-01T11:00:00.000Z',
    scopeCounts: [
      { region: 'eu-west-1', checkId: 'iam_root_mfa_enabled', count: 2 },
      { region: 'eu-west-1', checkId: 'ec2_instance_imdsv2_required', count: 3 },
    ],
    batches: 2,
    errors: [],
    regions: { scanned: ['eu-west-1'] },
    inspector: {
      status: 'ENABLED',
      findings: 4,
      watermarks: { 'eu-west-1': '2026-03-01T10:30:00.000Z' },
    },
    timings: { startedAt: '2026-03-01T09:59:59.000Z', durationMs: 3_600_000 },
    apiCalls: 17,
    ...fields,
  });

const job = (fields: Partial<JobState> = {}): JobState => ({
  status: 'pending',
  acknowledgedAt: null,
  startedAt: null,
  finishedAt: null,
  skipReason: null,
  errorCode: null,
  errorMessage: null,
  result: null,
  ...fields,
});

describe('jobPatch', () => {
  it('should acknowledge a job on its first event of any kind, and only then', () => {
    expect(jobPatch(job(), started, now).acknowledgedAt).toEqual(now);
    expect(jobPatch(job({ status: 'skipped', skipReason: 'SUSPENDED' }), started, now)).toEqual({
      acknowledgedAt: now,
    });
    expect(
      jobPatch(job({ status: 'running', acknowledgedAt: now, startedAt: now }), started, now),
    ).toEqual({});
  });

  it('should start a pending job at the event time, and leave a running one as it is', () => {
    expect(jobPatch(job(), started, now)).toEqual({
      acknowledgedAt: now,
      status: 'running',
      startedAt: new Date('2026-03-01T10:00:00.000Z'),
    });
    const running = job({ status: 'running', acknowledgedAt: now, startedAt: now });
    expect(jobPatch(running, started, now)).toEqual({});
  });

  it('should keep the newest progress in the result, never an older redelivered one', () => {
    const running = job({ status: 'running', acknowledgedAt: now, startedAt: now });
    const first = jobPatch(running, progress('2026-03-01T10:10:00.000Z', 1), now);
    expect(first).toEqual({
      result: {
        progress: {
          regionsDone: 1,
          regionsTotal: 4,
          checksDone: 7,
          at: '2026-03-01T10:10:00.000Z',
        },
      },
    });
    const later = job({ ...running, result: first.result ?? null });
    expect(jobPatch(later, progress('2026-03-01T10:05:00.000Z', 0), now)).toEqual({});
    expect(jobPatch(later, progress('2026-03-01T10:20:00.000Z', 2), now).result).toMatchObject({
      progress: { regionsDone: 2 },
    });
  });

  it('should start a pending job on a progress event that overtook its start', () => {
    expect(jobPatch(job(), progress('2026-03-01T10:10:00.000Z', 1), now)).toMatchObject({
      status: 'running',
      startedAt: new Date('2026-03-01T10:10:00.000Z'),
    });
  });

  it('should succeed a job with its result, and its start from the timings when it has none', () => {
    const patch = jobPatch(job(), finished(), now);
    expect(patch).toEqual({
      acknowledgedAt: now,
      status: 'succeeded',
      startedAt: new Date('2026-03-01T09:59:59.000Z'),
      finishedAt: new Date('2026-03-01T11:00:00.000Z'),
      result: {
        scopes: 2,
        results: 5,
        batches: 2,
        errors: [],
        regions: { scanned: ['eu-west-1'], notEnabled: [], failed: [] },
        inspector: { status: 'ENABLED', findings: 4 },
        apiCalls: 17,
        timings: { startedAt: '2026-03-01T09:59:59.000Z', durationMs: 3_600_000 },
        cancelled: false,
      },
    });
    const running = job({ status: 'running', startedAt: now, acknowledgedAt: now });
    expect(jobPatch(running, finished(), now).startedAt).toEqual(now);
  });

  it('should cancel a job whose final event says it was stopped', () => {
    expect(jobPatch(job({ status: 'running' }), finished({ cancelled: true }), now).status).toBe(
      'cancelled',
    );
  });

  it('should change nothing on a terminal job for a late started, progress or duplicate event', () => {
    const done = jobPatch(job({ status: 'running', acknowledgedAt: now }), finished(), now);
    const succeeded = job({
      status: 'succeeded',
      acknowledgedAt: now,
      startedAt: now,
      finishedAt: now,
      result: done.result ?? null,
    });
    for (const late of [started, progress('2026-03-01T12:00:00.000Z', 4), finished()]) {
      expect(jobPatch(succeeded, late, now)).toEqual({});
    }
    const failed = job({
      status: 'failed',
      acknowledgedAt: now,
      errorCode: 'X',
      errorMessage: 'x',
      finishedAt: now,
    });
    const skipEvent = event({
      type: 'skipped',
      at: now.toISOString(),
      reason: 'SUSPENDED',
      message: 'm',
    });
    expect(jobPatch(failed, skipEvent, now)).toEqual({});
    expect(
      jobPatch(
        failed,
        event({ type: 'failed', at: now.toISOString(), code: 'Y', message: 'y' }),
        now,
      ),
    ).toEqual({});
  });

  it('should fill the start of a job that failed before its started event was handled', () => {
    const failed = job({
      status: 'failed',
      acknowledgedAt: now,
      errorCode: 'X',
      errorMessage: 'x',
    });
    expect(jobPatch(failed, started, now)).toEqual({
      startedAt: new Date('2026-03-01T10:00:00.000Z'),
    });
  });

  it('should keep a timed-out job failed on its late final event, storing only its result', () => {
    const timedOut = job({
      status: 'failed',
      acknowledgedAt: now,
      errorCode: 'JOB_TIMEOUT',
      errorMessage: 'silent',
      finishedAt: now,
      result: { progress: { at: '2026-03-01T10:00:00.000Z' } },
    });
    const patch = jobPatch(timedOut, finished(), now);
    expect(patch.status).toBeUndefined();
    expect(patch.finishedAt).toBeUndefined();
    expect(patch.startedAt).toEqual(new Date('2026-03-01T09:59:59.000Z'));
    expect(patch.result).toMatchObject({ results: 5, apiCalls: 17 });
  });

  it('should skip or fail a pending or running job with the reason, code and message', () => {
    const at = '2026-03-01T10:30:00.000Z';
    expect(
      jobPatch(job(), event({ type: 'skipped', at, reason: 'CANCELLED', message: 'gone' }), now),
    ).toEqual({
      acknowledgedAt: now,
      status: 'skipped',
      skipReason: 'CANCELLED',
      errorMessage: 'gone',
      finishedAt: new Date(at),
    });
    expect(
      jobPatch(
        job({ status: 'running', acknowledgedAt: now }),
        event({ type: 'failed', at, code: 'ASSUME_ROLE_DENIED', message: 'denied' }),
        now,
      ),
    ).toEqual({
      status: 'failed',
      errorCode: 'ASSUME_ROLE_DENIED',
      errorMessage: 'denied',
      finishedAt: new Date(at),
    });
  });

  it('should complete what discovery left empty on a job it inserted skipped or failed', () => {
    const at = '2026-03-01T10:30:00.000Z';
    const skipped = job({ status: 'skipped', skipReason: 'SUSPENDED', errorMessage: 'suspended' });
    expect(
      jobPatch(skipped, event({ type: 'skipped', at, reason: 'SUSPENDED', message: 'x' }), now),
    ).toEqual({ acknowledgedAt: now, finishedAt: new Date(at) });
    const failed = job({ status: 'failed', errorCode: 'ASSUME_ROLE_DENIED', errorMessage: 'no' });
    expect(
      jobPatch(
        failed,
        event({ type: 'failed', at, code: 'ASSUME_ROLE_DENIED', message: 'no' }),
        now,
      ),
    ).toEqual({ acknowledgedAt: now, finishedAt: new Date(at) });
  });

  it('should know the terminal statuses', () => {
    const statuses: ScanJobStatus[] = [...SCAN_JOB_STATUSES];
    expect(statuses.filter(isTerminalJobStatus)).toEqual([
      'succeeded',
      'failed',
      'skipped',
      'cancelled',
    ]);
  });
});
