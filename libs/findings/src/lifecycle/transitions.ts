import { type FindingChangeKind, type FindingStatus, OPEN_STATUSES } from './status';

/**
 * What one observation says about a finding: a check result's status, or an Inspector2
 * finding's status (ACTIVE and SUPPRESSED are failing; SUPPRESSED is Inspector's own
 * suppression; CLOSED is its only resolution).
 */
export type ObservedOutcome =
  'PASS' | 'FAIL' | 'MANUAL' | 'ERROR' | 'ACTIVE' | 'SUPPRESSED' | 'CLOSED';

/** A stored finding's lifecycle columns. */
export interface LifecycleState {
  readonly status: FindingStatus;
  /** The observation time that set `status`. */
  readonly stateAt: Date;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
  readonly sourceSuppressed: boolean;
}

export interface Observation {
  readonly outcome: ObservedOutcome;
  readonly observedAt: Date;
}

/** The finding's next state, and what changed. */
export interface Transition {
  readonly state: LifecycleState;
  /** False when the observation is older than the state (or a duplicate): nothing to write. */
  readonly applied: boolean;
  /** The status moved (a history row); `change` says whether it is announced. */
  readonly statusChanged: boolean;
  readonly change: FindingChangeKind | null;
  /** Inspector's own suppression was set or lifted (announced as suppressed / unsuppressed). */
  readonly suppressionChange: 'suppressed' | 'unsuppressed' | null;
}

const FAILING: ReadonlySet<FindingStatus> = new Set(['new', 'in_progress']);

function isFailingOutcome(outcome: ObservedOutcome): boolean {
  return outcome === 'FAIL' || outcome === 'ACTIVE' || outcome === 'SUPPRESSED';
}

function nextStatus(
  current: FindingStatus | undefined,
  outcome: ObservedOutcome,
): { status: FindingStatus; change: FindingChangeKind | null } {
  if (isFailingOutcome(outcome)) {
    if (current === undefined) return { status: 'new', change: 'new' };
    if (FAILING.has(current)) return { status: 'in_progress', change: null };
    if (current === 'resolved') return { status: 'new', change: 'reopened' };
    return { status: 'new', change: 'new' };
  }
  if (outcome === 'PASS' || outcome === 'CLOSED') {
    if (current !== undefined && FAILING.has(current))
      return { status: 'resolved', change: 'resolved' };
    if (current === 'resolved') return { status: 'resolved', change: null };
    // A check that passes and never failed is compliant; an Inspector2 finding first seen
    // CLOSED (a first full pull) is stored resolved, without announcing it.
    return { status: outcome === 'PASS' ? 'compliant' : 'resolved', change: null };
  }
  if (outcome === 'MANUAL') return { status: 'manual', change: null };
  // ERROR decides nothing about an existing finding.
  return { status: current ?? 'error', change: null };
}

/**
 * The lifecycle rule (docs/architecture.md "Findings"), pure so every path is unit-tested.
 * Order-independent: an observation not newer than the state that is stored changes nothing,
 * so results delivered twice or out of order end in the same state. An ERROR observation of
 * an existing finding changes its last-seen time only.
 */
export function observe(current: LifecycleState | undefined, observation: Observation): Transition {
  const at = observation.observedAt;
  if (current !== undefined && at.getTime() <= current.stateAt.getTime()) {
    return {
      state: current,
      applied: false,
      statusChanged: false,
      change: null,
      suppressionChange: null,
    };
  }
  const { status, change } = nextStatus(current?.status, observation.outcome);
  const keepsState = current !== undefined && observation.outcome === 'ERROR';
  const sourceSuppressed =
    observation.outcome === 'SUPPRESSED' ||
    (observation.outcome === 'ERROR' && (current?.sourceSuppressed ?? false));
  const wasSuppressed = current?.sourceSuppressed ?? false;
  const state: LifecycleState = {
    status,
    stateAt: keepsState ? current.stateAt : at,
    firstSeenAt: current && current.firstSeenAt < at ? current.firstSeenAt : at,
    lastSeenAt: current && current.lastSeenAt > at ? current.lastSeenAt : at,
    resolvedAt:
      status !== 'resolved' ? null : current?.status === 'resolved' ? current.resolvedAt : at,
    sourceSuppressed,
  };
  return {
    state,
    applied: true,
    statusChanged: status !== current?.status,
    change,
    suppressionChange:
      sourceSuppressed === wasSuppressed ? null : sourceSuppressed ? 'suppressed' : 'unsuppressed',
  };
}

/**
 * A clean run of the finding's scope, started at `at`, did not report it: an open finding last
 * seen before that run is resolved as of `at` (only a failing one's resolution is announced).
 * The same rule the resolution gate applies in SQL, for an observation that arrives after the
 * later run already resolved its scope.
 */
export function resolveUnreported(state: LifecycleState, at: Date): Transition {
  const t = at.getTime();
  if (
    !OPEN_STATUSES.includes(state.status) ||
    state.lastSeenAt.getTime() >= t ||
    state.stateAt.getTime() >= t
  ) {
    return { state, applied: false, statusChanged: false, change: null, suppressionChange: null };
  }
  return {
    state: { ...state, status: 'resolved', stateAt: at, resolvedAt: at },
    applied: true,
    statusChanged: true,
    change: FAILING.has(state.status) ? 'resolved' : null,
    suppressionChange: null,
  };
}
