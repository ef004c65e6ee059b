// Scan and job progress: the normaliser owns every status change of `scans` and `scan_jobs`
// after discovery creates them (job events, counts, closure, the stale-job timeout).
export { applyJobEvent } from './apply-job-event';
export { JobEventsConsumer } from './job-events.consumer';
export { UnknownJobError } from './job-store';
export { type ClosingStatus, closingStatus, type ScanCounts, scanCounts } from './scan-closure';
export { type ClosedScan, refreshScan } from './scan-state';
export { JOB_TIMEOUT } from './stale-jobs';
export { type StaleJobsSweep, StaleJobsTask, type StaleJobsTaskConfig } from './stale-jobs.task';
