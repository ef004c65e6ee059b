import { createHash, randomUUID } from 'node:crypto';
import { JOB_COLUMNS, type JobRow, jobView, type ScanJobView } from '@palisade/api';
import { SCHEMA_VERSION, type ScanRequested, Topics } from '@palisade/contracts';
import { enqueueOutbox } from '@palisade/messaging';
import {
  listAllTenants,
  parseTenantId,
  type ScanStatus,
  type SourceDefinitionInput,
  type TenantId,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';

/** The one tenant of embedded mode: the person at the keyboard. */
export const LOCAL_TENANT_SLUG = 'local';

export type LocalScanTarget =
  | {
      readonly kind: 'organization';
      /** Absent: the current credentials walk the organization. */
      readonly managementRoleArn?: string;
      readonly memberRoleName: string;
    }
  | {
      readonly kind: 'accounts';
      readonly accountIds: readonly string[];
      readonly roleName: string;
    };

export interface LocalScanRequest {
  readonly target: LocalScanTarget;
  /** The ExternalId the user's roles expect; absent keeps the tenant's generated one. */
  readonly externalId?: string;
  readonly regions?: readonly string[];
  readonly frameworks?: readonly string[];
  readonly checks?: readonly string[];
}

export interface StartedScan {
  readonly tenantId: TenantId;
  readonly sourceId: string;
  readonly scanId: string;
}

/** The local tenant, created on first use (a database shared with a fleet keeps it apart). */
export async function ensureLocalTenant(dataSource: DataSource): Promise<TenantId> {
  const existing = (await listAllTenants(dataSource.manager)).find(
    (tenant) => tenant.slug === LOCAL_TENANT_SLUG,
  );
  if (existing !== undefined) return existing.id;
  const id = parseTenantId(randomUUID());
  await withTenant(dataSource, id, async (manager) => {
    await manager.query(`INSERT INTO public.tenants (id, slug, name) VALUES ($1, $2, $3)`, [
      id,
      LOCAL_TENANT_SLUG,
      'Local',
    ]);
  });
  return id;
}

/**
 * The source a target describes, named for a person ("AWS Organization of 111122223333",
 * "Accounts 111122223333, 444455556666") and made unique by a digest of its definition — and,
 * for an organization walked with the current credentials, of the account they belong to — so
 * the same target scanned again is the same source (its inventory, findings history and trends
 * carry over) and another organization is never mistaken for it.
 */
export function sourceDefinitionFor(
  target: LocalScanTarget,
  callerAccountId: string,
): SourceDefinitionInput {
  const config =
    target.kind === 'organization'
      ? {
          ...(target.managementRoleArn === undefined
            ? {}
            : { managementRoleArn: target.managementRoleArn }),
          memberRoleName: target.memberRoleName,
        }
      : {
          accounts: [...new Set(target.accountIds)].sort().map((accountId) => ({ accountId })),
          memberRoleName: target.roleName,
        };
  const walkedBy =
    target.kind === 'organization' && target.managementRoleArn === undefined
      ? callerAccountId
      : undefined;
  const digest = createHash('sha256')
    .update(JSON.stringify({ config, walkedBy }))
    .digest('hex')
    .slice(0, 8);
  return {
    name: `${sourceLabel(target, callerAccountId)} [${digest}]`,
    kind: target.kind,
    config,
  } as SourceDefinitionInput;
}

function sourceLabel(target: LocalScanTarget, callerAccountId: string): string {
  if (target.kind === 'organization') {
    return target.managementRoleArn === undefined
      ? `AWS Organization of ${callerAccountId}`
      : `AWS Organization via ${target.managementRoleArn}`;
  }
  const ids = [...new Set(target.accountIds)].sort();
  const shown = ids.slice(0, 3).join(', ');
  return ids.length > 3 ? `Accounts ${shown} and ${ids.length - 3} more` : `Accounts ${shown}`;
}

/**
 * Records a scan the way `POST /v1/scans` does — the scan row `queued` and its `scan.requested`
 * message in one transaction, the outbox relay publishing it — with the `cli` trigger.
 */
export async function startLocalScan(
  dataSource: DataSource,
  request: LocalScanRequest,
  callerAccountId: string,
): Promise<StartedScan> {
  const tenantId = await ensureLocalTenant(dataSource);
  const definition = sourceDefinitionFor(request.target, callerAccountId);
  return withDiscoveryRepositories(dataSource, tenantId, async (repos) => {
    await repos.tenantSettings.ensure(tenantId);
    if (request.externalId !== undefined) {
      await repos.tenantSettings.setExternalId(tenantId, request.externalId);
    }
    const source =
      (await repos.sources.list(tenantId)).find((s) => s.name === definition.name) ??
      (await repos.sources.create(tenantId, definition));
    const message: ScanRequested = {
      schemaVersion: SCHEMA_VERSION,
      scanId: randomUUID(),
      tenantId,
      sourceId: source.id,
      trigger: { kind: 'cli' },
      scope: {},
      ...(request.regions?.length ? { regions: [...request.regions] } : {}),
      ...(request.frameworks?.length ? { frameworks: [...request.frameworks] } : {}),
      ...(request.checks?.length ? { checks: [...request.checks] } : {}),
      requestedAt: new Date().toISOString(),
    };
    await repos.scans.insertRequested(tenantId, message);
    await enqueueOutbox(repos.manager, Topics.scanRequested, message, { tenantId });
    return { tenantId, sourceId: source.id, scanId: message.scanId };
  });
}

export const FINISHED_SCAN_STATUSES: readonly ScanStatus[] = [
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
];

export interface ScanProgress {
  readonly status: ScanStatus;
  readonly error: string | null;
  /** Every job of the scan, as the api shows them, with the account's name when known. */
  readonly jobs: readonly (ScanJobView & { readonly accountName: string | null })[];
}

/** The scan and all its jobs now (one tenant transaction). */
export async function readScanProgress(
  dataSource: DataSource,
  started: StartedScan,
): Promise<ScanProgress> {
  return withTenant(dataSource, started.tenantId, async (manager) => {
    const [scan] = await manager.query<{ status: ScanStatus; error: string | null }[]>(
      `SELECT status, error FROM public.scans WHERE tenant_id = $1 AND id = $2`,
      [started.tenantId, started.scanId],
    );
    if (scan === undefined) throw new Error(`scan ${started.scanId} is gone`);
    const rows = await manager.query<(JobRow & { account_name: string | null })[]>(
      `SELECT ${JOB_COLUMNS}, a.name AS account_name
         FROM public.scan_jobs j
         LEFT JOIN public.accounts a
           ON a.tenant_id = j.tenant_id AND a.source_id = $3 AND a.account_id = j.account_id
        WHERE j.tenant_id = $1 AND j.scan_id = $2
        ORDER BY j.account_id, j.scope`,
      [started.tenantId, started.scanId, started.sourceId],
    );
    return {
      status: scan.status,
      error: scan.error,
      jobs: rows.map((row) => ({ ...jobView(row), accountName: row.account_name })),
    };
  });
}

export interface JobResultCounts {
  readonly pass: number;
  readonly fail: number;
}

/** Check results of these jobs by compliance, as stored so far (for the progress lines). */
export async function jobResultCounts(
  dataSource: DataSource,
  started: StartedScan,
  jobIds: readonly string[],
): Promise<ReadonlyMap<string, JobResultCounts>> {
  if (jobIds.length === 0) return new Map();
  const rows = await withTenant(dataSource, started.tenantId, (manager) =>
    manager.query<{ job_id: string; pass: number; fail: number }[]>(
      `SELECT job_id,
              count(*) FILTER (WHERE compliance = 'PASS')::int AS pass,
              count(*) FILTER (WHERE compliance = 'FAIL')::int AS fail
         FROM public.findings
        WHERE tenant_id = $1 AND job_id = ANY($2::uuid[])
        GROUP BY job_id`,
      [started.tenantId, jobIds],
    ),
  );
  return new Map(rows.map((row) => [row.job_id, { pass: row.pass, fail: row.fail }]));
}
