import { type JobRunnerTuning } from './job-runner';

/** How one scanner worker runs jobs (from the app's SCANNER_* config). */
export interface ScannerOptions extends JobRunnerTuning {
  /** Jobs running at once. */
  readonly jobConcurrency: number;
  /** Jobs of one tenant running at once (fair share). */
  readonly tenantJobLimit: number;
  /** On shutdown, how long running jobs may finish before they stop and are handed back. */
  readonly drainMs: number;
}

export const SCANNER_OPTIONS = Symbol('SCANNER_OPTIONS');
