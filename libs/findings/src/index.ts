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
  type LifecycleState,
  type Observation,
  type ObservedOutcome,
  type Transition,
} from './lifecycle/transitions';
