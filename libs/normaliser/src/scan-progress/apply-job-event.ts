import { type ScanJobEvent } from '@palisade/contracts';
import {
  InspectorWatermarksRepository,
  type TenantId,
  TenantScope,
  type WatermarkEntry,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { declareJobScopes } from '../store/resolution-gate';
import { lockJob, updateJob } from './job-store';
import { isEmptyPatch, jobPatch } from './job-transition';
import { type ClosedScan, refreshScan, startScan } from './scan-state';

type Finished = Extract<ScanJobEvent, { type: 'finished' }>;

/**
 * Applies one job event in the caller's tenant transaction: the job's status (see `jobPatch`),
 * for `finished` the resolution gate's declaration and the Inspector2 watermarks (kept even for
 * a job already failed by the timeout: its results may still resolve scopes), then the scan's
 * start, counts and closure. Row locks are always taken job first, scan second. Returns the
 * scan this event closed, if it did.
 */
export async function applyJobEvent(
  manager: EntityManager,
  tenantId: TenantId,
  event: ScanJobEvent,
  now: Date,
): Promise<ClosedScan | null> {
  const job = await lockJob(manager, tenantId, event);
  const patch = jobPatch(job, event, now);
  if (!isEmptyPatch(patch)) await updateJob(manager, tenantId, job.id, patch);

  if (event.type === 'started' || event.type === 'progress') {
    if (patch.status === 'running') {
      await startScan(manager, tenantId, event.scanId, patch.startedAt ?? new Date(event.at));
    }
    return null;
  }
  if (event.type === 'finished') {
    await storeFinished(manager, tenantId, event, job.startedAt);
    // A final event that overtook its job's `started` starts the scan too.
    await startScan(manager, tenantId, event.scanId, new Date(event.timings.startedAt));
  }
  // Every final event (even a duplicate, or the event of a job discovery inserted already
  // skipped or failed) looks at the scan: all its jobs may be terminal now.
  return refreshScan(manager, tenantId, event.scanId, now);
}

/**
 * The final event's declaration, as of the job's FIRST start. A job can run twice (its worker
 * died, or discovery emitted it again): each result batch is stored once, from whichever run
 * published it first, so a later run's results may all be skipped as duplicates of an earlier
 * run's. Only a finding last seen before the first run started went unreported; the later run's
 * own start would resolve the earlier run's results.
 */
async function storeFinished(
  manager: EntityManager,
  tenantId: TenantId,
  event: Finished,
  firstStartedAt: Date | null,
): Promise<void> {
  const startedAt = new Date(event.timings.startedAt);
  await declareJobScopes(manager, tenantId, {
    jobId: event.jobId,
    scanId: event.scanId,
    accountId: event.accountId,
    startedAt: firstStartedAt !== null && firstStartedAt < startedAt ? firstStartedAt : startedAt,
    scopeCounts: event.scopeCounts,
    errors: event.errors,
  });
  const entries: WatermarkEntry[] = Object.entries(event.inspector?.watermarks ?? {})
    // Inspector2 is regional: `inspector_watermarks` accepts no `global` row.
    .filter(([region]) => region !== 'global')
    .map(([region, at]) => ({ accountId: event.accountId, region, watermark: new Date(at) }));
  if (entries.length === 0) return;
  const scope = await TenantScope.open(manager, tenantId);
  await new InspectorWatermarksRepository(scope).upsert(tenantId, entries);
}
