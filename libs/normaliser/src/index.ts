// @palisade/normaliser: the normaliser service's features: findings ingest (OCSF, identity,
// lifecycle, resolution), scan progress and closure, suppression rules, posture snapshots and
// retention.
export { NormaliserFeatureModule, normaliserMessagingTuning } from './normaliser.module';
export { FindingsIngest, type IngestOutcome } from './ingest/findings-ingest';
export { UnknownJobError } from './scan-progress';
export { declareJobScopes, type JobDeclaration } from './store/resolution-gate';
export { applySuppression } from './suppression';
export { writePostureSnapshots } from './posture/posture-snapshots';
