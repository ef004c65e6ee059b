// @palisade/findings: finding identity, lifecycle statuses and rules, and the OCSF 1.8.0 mapping.
export { checkFindingUid, inspectorFindingUid } from './identity';
export {
  FINDING_STATUSES,
  OPEN_STATUSES,
  type FindingChangeKind,
  type FindingSeverity,
  type FindingStatus,
} from './lifecycle/status';
export {
  observe,
  resolveUnreported,
  type LifecycleState,
  type Observation,
  type ObservedOutcome,
  type Transition,
} from './lifecycle/transitions';
export { type FindingContext, type LifecycleFields } from './mapping/context';
export { mapCheckResult } from './mapping/check-result';
export { mapInspectorFinding } from './mapping/inspector-finding';
export { applyLifecycle } from './mapping/lifecycle';
export { OCSF_PROFILES, OCSF_VERSION } from './mapping/common';
export type * from './ocsf/types';
export { PALISADE_VERSION } from './version';
