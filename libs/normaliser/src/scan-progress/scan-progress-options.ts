/** Tunables of scan and job progress (from `config.normaliser` in apps, explicit in tests). */
export interface ScanProgressOptions {
  /** A pending (emitted) or running job with no event for this long is failed `JOB_TIMEOUT`. */
  readonly jobTimeoutMs: number;
  /** How often each replica looks for stale jobs (fires once across replicas); 0 turns it off. */
  readonly housekeepingIntervalMs: number;
}

export const SCAN_PROGRESS_OPTIONS = Symbol('SCAN_PROGRESS_OPTIONS');
