// The lifecycle-dependent fields of a finding document. The stored document is the last
// observation's; the row's status columns are the truth, so the API re-applies them on read.
import {
  type OcsfActivityId,
  type OcsfFinding,
  type OcsfFindingStatusId,
  type OcsfLifecycleFields,
} from '../ocsf/types';
import { type LifecycleFields } from './context';

const ACTIVITY_NAMES: Readonly<Record<OcsfActivityId, string>> = {
  1: 'Create',
  2: 'Update',
  3: 'Close',
};

/**
 * Close once resolved; Create on the finding's first observation (whatever its status: the
 * row is created then); Update for every later observation, a reopening included.
 */
function activityOf(lifecycle: LifecycleFields): OcsfActivityId {
  if (lifecycle.status === 'resolved') return 3;
  return lifecycle.firstSeenAt.getTime() === lifecycle.lastSeenAt.getTime() ? 1 : 2;
}

interface FindingStatusFields {
  readonly status_id: OcsfFindingStatusId;
  readonly status: string;
  readonly status_detail: string | undefined;
}

const SUPPRESSED_BY_SOURCE = 'inspector2';

/** OCSF has no "compliant" or "error" finding status: those are 99 Other, named in `status`. */
function statusOf(lifecycle: LifecycleFields): FindingStatusFields {
  if (lifecycle.suppressedBy !== null)
    return { status_id: 3, status: 'Suppressed', status_detail: lifecycle.suppressedBy };
  if (lifecycle.sourceSuppressed)
    return { status_id: 3, status: 'Suppressed', status_detail: SUPPRESSED_BY_SOURCE };
  switch (lifecycle.status) {
    case 'new':
    case 'manual':
      return { status_id: 1, status: 'New', status_detail: undefined };
    case 'in_progress':
      return { status_id: 2, status: 'In Progress', status_detail: undefined };
    case 'resolved':
      return { status_id: 4, status: 'Resolved', status_detail: undefined };
    case 'compliant':
      return { status_id: 99, status: 'Compliant', status_detail: undefined };
    case 'error':
      return { status_id: 99, status: 'Error', status_detail: undefined };
  }
}

/**
 * The fields the lifecycle decides. `time` is the last observation, or the resolution when a
 * clean run resolved the finding after it was last seen (the Close happened then).
 */
export function lifecycleFieldsOf(
  classUid: OcsfFinding['class_uid'],
  className: OcsfFinding['class_name'],
  lifecycle: LifecycleFields,
): OcsfLifecycleFields {
  const activityId = activityOf(lifecycle);
  const activityName = ACTIVITY_NAMES[activityId];
  const lastSeen = lifecycle.lastSeenAt.getTime();
  const resolved = lifecycle.resolvedAt?.getTime() ?? lastSeen;
  const status = statusOf(lifecycle);
  return {
    activity_id: activityId,
    activity_name: activityName,
    type_uid: classUid * 100 + activityId,
    type_name: `${className}: ${activityName}`,
    status_id: status.status_id,
    status: status.status,
    status_detail: status.status_detail,
    time: Math.max(lastSeen, resolved),
  };
}

/** The document with its lifecycle-dependent fields set from the finding row. */
export function applyLifecycle<T extends OcsfFinding>(doc: T, lifecycle: LifecycleFields): T {
  return {
    ...doc,
    ...lifecycleFieldsOf(doc.class_uid, doc.class_name, lifecycle),
    finding_info: {
      ...doc.finding_info,
      first_seen_time: lifecycle.firstSeenAt.getTime(),
      last_seen_time: lifecycle.lastSeenAt.getTime(),
    },
  };
}
