// @palisade/scanner: the scanner service's features: the job consumer (fair share between
// tenants, cancellation, hand-back on shutdown), the job runner (role chain, regions,
// collectors, checks, Inspector2, result batches and the final job event).
export {
  ScannerFeatureModule,
  scannerMessagingTuning,
  scannerOptionsFromConfig,
} from './scanner.module';
export { SCANNER_OPTIONS, type ScannerOptions } from './scanner-options';
export {
  JobRunner,
  JobHandedBack,
  type InspectorPuller,
  type InspectorSummary,
  type JobRunnerDeps,
  type JobRunnerTuning,
  type StopReason,
} from './job-runner';
export { InspectorStep } from './inspector-step';
export { FairJobScheduler } from './fair-scheduler';
export { Cancellations } from './cancellations';
export { ResultBatcher, MAX_BATCH_BYTES } from './result-batcher';
