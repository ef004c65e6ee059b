import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { int } from '../env-parsers';

/**
 * How much one scanner worker does at once. Each job runs its regions, collectors and per-item
 * calls under these bounds; the AWS client factory also caps calls per account × service.
 */
export function scannerFragment() {
  return configFragment({
    /** Account jobs running at once in this worker. */
    jobConcurrency: env('SCANNER_JOB_CONCURRENCY', int({ min: 1, max: 256 }).default(4)),
    /** Jobs of one tenant running at once in this worker (fair share between tenants). */
    tenantJobLimit: env('SCANNER_TENANT_JOB_LIMIT', int({ min: 1, max: 256 }).default(2)),
    /** Jobs taken from the broker and waiting for a slot (beyond the running ones). */
    jobQueueDepth: env('SCANNER_JOB_QUEUE_DEPTH', int({ min: 0, max: 1024 }).default(4)),
    /** Regions of one job collected at once. */
    regionConcurrency: env('SCANNER_REGION_CONCURRENCY', int({ min: 1, max: 64 }).default(4)),
    /** (collector, region) units of one job collected at once. */
    collectorConcurrency: env(
      'SCANNER_COLLECTOR_CONCURRENCY',
      int({ min: 1, max: 256 }).default(8),
    ),
    /** Per-item calls (a bucket's settings, a key's rotation) in flight per collector. */
    itemConcurrency: env('SCANNER_ITEM_CONCURRENCY', int({ min: 1, max: 256 }).default(8)),
    /** Results per `findings.raw` message (the schema allows 2,000; messages stay well under 1 MB). */
    resultBatchSize: env('SCANNER_RESULT_BATCH_SIZE', int({ min: 1, max: 2000 }).default(500)),
    /** On SIGTERM, running jobs may finish for this long; then they stop and are handed back. */
    drainMs: env('SCANNER_DRAIN_MS', int({ min: 0, max: 600_000 }).default(20_000)),
    /** AWS call attempts per operation (adaptive retries, Retry-After honoured). */
    awsMaxAttempts: env('SCANNER_AWS_MAX_ATTEMPTS', int({ min: 1, max: 20 }).default(8)),
    /** AWS calls in flight per account × service, across the job's regions. */
    awsConcurrencyPerService: env(
      'SCANNER_AWS_CONCURRENCY_PER_SERVICE',
      int({ min: 1, max: 256 }).default(8),
    ),
  });
}

export type ScannerTuning = ConfigValue<ReturnType<typeof scannerFragment>['node']>;
