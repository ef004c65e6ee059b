import { type FindingStatus } from './status';
import {
  type LifecycleState,
  type ObservedOutcome,
  observe,
  resolveUnreported,
} from './transitions';

const t = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));

function stored(status: FindingStatus, minute = 10, sourceSuppressed = false): LifecycleState {
  return {
    status,
    stateAt: t(minute),
    firstSeenAt: t(0),
    lastSeenAt: t(minute),
    resolvedAt: status === 'resolved' ? t(minute) : null,
    sourceSuppressed,
  };
}

describe('the finding lifecycle', () => {
  it.each<[FindingStatus | undefined, ObservedOutcome, FindingStatus, string | null]>([
    [undefined, 'FAIL', 'new', 'new'],
    [undefined, 'PASS', 'compliant', null],
    [undefined, 'MANUAL', 'manual', null],
    [undefined, 'ERROR', 'error', null],
    [undefined, 'ACTIVE', 'new', 'new'],
    [undefined, 'CLOSED', 'resolved', null],
    ['new', 'FAIL', 'in_progress', null],
    ['in_progress', 'FAIL', 'in_progress', null],
    ['resolved', 'FAIL', 'new', 'reopened'],
    ['compliant', 'FAIL', 'new', 'new'],
    ['manual', 'FAIL', 'new', 'new'],
    ['new', 'PASS', 'resolved', 'resolved'],
    ['in_progress', 'PASS', 'resolved', 'resolved'],
    ['resolved', 'PASS', 'resolved', null],
    ['compliant', 'PASS', 'compliant', null],
    ['error', 'PASS', 'compliant', null],
    ['in_progress', 'ERROR', 'in_progress', null],
    ['compliant', 'ERROR', 'compliant', null],
    ['in_progress', 'CLOSED', 'resolved', 'resolved'],
    ['resolved', 'ACTIVE', 'new', 'reopened'],
    ['in_progress', 'MANUAL', 'manual', null],
  ])('%s + %s → %s (announced: %s)', (from, outcome, to, change) => {
    const next = observe(from && stored(from), { outcome, observedAt: t(20) });
    expect(next.applied).toBe(true);
    expect(next.state.status).toBe(to);
    expect(next.change).toBe(change);
    expect(next.statusChanged).toBe(from !== to);
  });

  it('ignores an observation older than the stored state, or a duplicate of it', () => {
    const current = stored('resolved', 30);
    for (const at of [t(20), t(30)]) {
      const next = observe(current, { outcome: 'FAIL', observedAt: at });
      expect(next).toMatchObject({ applied: false, statusChanged: false, change: null });
      expect(next.state).toBe(current);
    }
  });

  it('ends in the same state whatever the order of the observations', () => {
    const observations = [
      { outcome: 'FAIL' as const, observedAt: t(1) },
      { outcome: 'PASS' as const, observedAt: t(2) },
      { outcome: 'FAIL' as const, observedAt: t(3) },
    ];
    const run = (order: number[]) =>
      order.reduce<LifecycleState | undefined>(
        (state, i) => observe(state, observations[i]!).state,
        undefined,
      );
    const inOrder = run([0, 1, 2]);
    expect(inOrder?.status).toBe('new');
    for (const order of [
      [2, 1, 0],
      [1, 2, 0, 0],
    ]) {
      expect(run(order)?.status).toBe(inOrder?.status);
      expect(run(order)?.stateAt).toEqual(inOrder?.stateAt);
    }
  });

  it('keeps first seen the earliest and last seen the latest observation', () => {
    const next = observe(stored('in_progress', 10), { outcome: 'FAIL', observedAt: t(40) });
    expect(next.state.firstSeenAt).toEqual(t(0));
    expect(next.state.lastSeenAt).toEqual(t(40));
  });

  it('sets resolvedAt when resolving and keeps it while resolved; clears it on reopening', () => {
    const resolved = observe(stored('in_progress'), { outcome: 'PASS', observedAt: t(20) });
    expect(resolved.state.resolvedAt).toEqual(t(20));
    const still = observe(resolved.state, { outcome: 'PASS', observedAt: t(30) });
    expect(still.state.resolvedAt).toEqual(t(20));
    expect(
      observe(still.state, { outcome: 'FAIL', observedAt: t(40) }).state.resolvedAt,
    ).toBeNull();
  });

  it('an ERROR does not move the state time, so a later-arriving older PASS still counts', () => {
    const errored = observe(stored('in_progress', 10), { outcome: 'ERROR', observedAt: t(30) });
    expect(errored.state.stateAt).toEqual(t(10));
    expect(errored.state.lastSeenAt).toEqual(t(30));
    expect(observe(errored.state, { outcome: 'PASS', observedAt: t(20) }).state.status).toBe(
      'resolved',
    );
  });

  it("announces Inspector2's own suppression and its lifting", () => {
    const suppressed = observe(stored('in_progress'), { outcome: 'SUPPRESSED', observedAt: t(20) });
    expect(suppressed.state).toMatchObject({ status: 'in_progress', sourceSuppressed: true });
    expect(suppressed.suppressionChange).toBe('suppressed');
    const active = observe(suppressed.state, { outcome: 'ACTIVE', observedAt: t(30) });
    expect(active.suppressionChange).toBe('unsuppressed');
    expect(active.state.sourceSuppressed).toBe(false);
  });

  it('resolves an open finding a later clean run did not report, announcing only a failure', () => {
    const failing = resolveUnreported(stored('in_progress', 10), t(30));
    expect(failing).toMatchObject({ applied: true, change: 'resolved' });
    expect(failing.state).toMatchObject({ status: 'resolved', resolvedAt: t(30), stateAt: t(30) });
    expect(resolveUnreported(stored('manual', 10), t(30))).toMatchObject({
      applied: true,
      change: null,
    });
    // Seen at or after the run's start (the run reported it), or not open: nothing to do.
    expect(resolveUnreported(stored('in_progress', 30), t(30)).applied).toBe(false);
    expect(resolveUnreported(stored('compliant', 10), t(30)).applied).toBe(false);
  });
});
