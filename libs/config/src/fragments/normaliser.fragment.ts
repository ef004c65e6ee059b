import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { int } from '../env-parsers';

const DAY_MS = 86_400_000;

/**
 * How the normaliser ingests and what its periodic work does. Every periodic task runs on every
 * replica and fires once across them (advisory lock).
 */
export function normaliserFragment() {
  return configFragment({
    /** `findings.raw` messages (each up to 2,000 results) written in one transaction. */
    ingestBatchMessages: env(
      'NORMALISER_INGEST_BATCH_MESSAGES',
      int({ min: 1, max: 500 }).default(20),
    ),
    /** How long a partial batch waits for more messages. */
    ingestBatchWaitMs: env(
      'NORMALISER_INGEST_BATCH_WAIT_MS',
      int({ min: 0, max: 60_000 }).default(100),
    ),
    /** Batches (one per partition at a time) written at once by this replica. */
    ingestConcurrency: env('NORMALISER_INGEST_CONCURRENCY', int({ min: 1, max: 64 }).default(2)),
    /** A pending or running job with no event for this long is failed with `JOB_TIMEOUT`. */
    jobTimeoutMs: env(
      'NORMALISER_JOB_TIMEOUT_MS',
      int({ min: 60_000, max: 7 * DAY_MS }).default(2 * 3_600_000),
    ),
    /** How often stale jobs, expired suppressions and snapshots are looked at. */
    housekeepingIntervalMs: env(
      'NORMALISER_HOUSEKEEPING_INTERVAL_MS',
      int({ min: 1_000, max: DAY_MS }).default(60_000),
    ),
    /** Resolved findings older than this (since resolution) are deleted. */
    retainResolvedDays: env(
      'NORMALISER_RETAIN_RESOLVED_DAYS',
      int({ min: 1, max: 3650 }).default(90),
    ),
    /** Finding history rows older than this are deleted. */
    retainHistoryDays: env(
      'NORMALISER_RETAIN_HISTORY_DAYS',
      int({ min: 1, max: 3650 }).default(365),
    ),
    /** Posture snapshots older than this are deleted. */
    retainSnapshotDays: env(
      'NORMALISER_RETAIN_SNAPSHOT_DAYS',
      int({ min: 1, max: 3650 }).default(730),
    ),
    /** Rows deleted per statement by retention (short transactions, no long locks). */
    retentionBatchSize: env(
      'NORMALISER_RETENTION_BATCH_SIZE',
      int({ min: 100, max: 100_000 }).default(5_000),
    ),
    /** How often retention runs. */
    retentionIntervalMs: env(
      'NORMALISER_RETENTION_INTERVAL_MS',
      int({ min: 1_000, max: 7 * DAY_MS }).default(3_600_000),
    ),
  });
}

export type NormaliserTuning = ConfigValue<ReturnType<typeof normaliserFragment>['node']>;
