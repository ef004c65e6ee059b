import {
  DEFAULT_FRAMEWORK,
  type OuSnapshot,
  type RoleHop,
  type ScanJob,
  type ScanJobEvent,
  type ScanRequested,
} from '@palisade/contracts';

export interface JobContext {
  request: ScanRequested;
  sourceKind: 'organization' | 'accounts';
  /** Request regions, else the source's; empty: every enabled region of each account. */
  regions: string[];
  settings: ScanJob['settings'];
  inspectorDelegatedAdminAccountId?: string;
  watermarks: ReadonlyMap<string, Record<string, string>>;
  issuedAt: string;
}

/** One job message: everything the stateless scanner needs, and never a credential. */
export function buildJob(
  ctx: JobContext,
  job: {
    jobId: string;
    scope: 'account' | 'organization';
    accountId: string;
    roleChain: RoleHop[];
    sourceIdentity: string;
    ouSnapshot?: OuSnapshot;
  },
): ScanJob {
  const { request } = ctx;
  return {
    schemaVersion: 1,
    jobId: job.jobId,
    scanId: request.scanId,
    tenantId: request.tenantId,
    sourceId: request.sourceId,
    scope: job.scope,
    sourceKind: ctx.sourceKind,
    accountId: job.accountId,
    roleChain: job.roleChain,
    sourceIdentity: job.sourceIdentity,
    regions: ctx.regions,
    checks: request.checks ?? [],
    frameworks: request.frameworks?.length ? request.frameworks : [DEFAULT_FRAMEWORK],
    settings: ctx.settings,
    inspector: {
      enabled: job.scope === 'account',
      ...(ctx.inspectorDelegatedAdminAccountId !== undefined
        ? { delegatedAdminAccountId: ctx.inspectorDelegatedAdminAccountId }
        : {}),
      watermarks: ctx.watermarks.get(job.accountId) ?? {},
    },
    ...(job.ouSnapshot !== undefined ? { ouSnapshot: job.ouSnapshot } : {}),
    issuedAt: ctx.issuedAt,
  };
}

type EventBase = Pick<
  ScanJobEvent,
  'schemaVersion' | 'tenantId' | 'scanId' | 'jobId' | 'accountId' | 'at'
>;

function eventBase(
  request: ScanRequested,
  jobId: string,
  accountId: string,
  at: string,
): EventBase {
  return {
    schemaVersion: 1,
    tenantId: request.tenantId,
    scanId: request.scanId,
    jobId,
    accountId,
    at,
  };
}

export function skippedEvent(
  request: ScanRequested,
  job: {
    jobId: string;
    accountId: string;
    reason: 'SUSPENDED' | 'REMOVED' | 'OUT_OF_SCOPE';
    detail: string;
  },
  at: string,
): ScanJobEvent {
  return {
    ...eventBase(request, job.jobId, job.accountId, at),
    type: 'skipped',
    reason: job.reason,
    message: job.detail,
  };
}

export function failedEvent(
  request: ScanRequested,
  job: { jobId: string; accountId: string; code: string; message: string },
  at: string,
): ScanJobEvent {
  return {
    ...eventBase(request, job.jobId, job.accountId, at),
    type: 'failed',
    code: job.code,
    message: job.message.slice(0, 2000),
  };
}
