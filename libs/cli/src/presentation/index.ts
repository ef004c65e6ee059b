// The CLI's terminal side: arguments, help, progress, the summary and error lines. Pure, apart
// from the progress reporter's redraw timer.
export {
  FAIL_ON_THRESHOLDS,
  PROGRESS_MODES,
  formatUsageError,
  parseCliArgs,
  type FailOnThreshold,
  type ListenOptions,
  type ParsedCommand,
  type ProgressMode,
  type ScanCommand,
  type ScanTarget,
  type ServeCommand,
  type StorageOptions,
  type UsageError,
} from './cli-args';
export {
  COMMANDS,
  COMMAND_USAGE,
  DEFAULT_ACCOUNTS_ROLE_NAME,
  DEFAULT_HOST,
  DEFAULT_ORG_ROLE_NAME,
  DEFAULT_PORT,
  USAGE,
  type CommandName,
} from './usage';
export {
  createProgressReporter,
  resolveProgressMode,
  type ProgressReporter,
  type ProgressReporterOptions,
  type ResolvedProgressMode,
} from './progress-reporter';
export type { JobOutcome, JobScope, ProgressEvent } from './progress-state';
export {
  SUMMARY_SEVERITIES,
  describeFailOn,
  failOnExitCode,
  renderSummaryTable,
  type ScanSummaryModel,
  type SeverityCountsBySeverity,
  type SummaryAccount,
  type SummaryOptions,
  type SummaryRequirement,
  type SummarySeverity,
} from './summary-table';
export {
  CliError,
  EXIT_CODES,
  NoCredentialsError,
  RoleNotAssumableError,
  formatCliError,
  type FormatCliErrorContext,
  type RoleNotAssumableDetails,
} from './cli-errors';
