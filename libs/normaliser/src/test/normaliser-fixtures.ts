// Integration-test support for the normaliser (excluded from the build: `**/test/**`): a tenant
// with an organization source, its accounts, a scan with one job per account, findings rows
// written with plain SQL as the service role under their tenant (RLS applies), and builders of
// the messages the scanner sends.
import { randomUUID } from 'node:crypto';
import {
  type CheckResult,
  type CheckStatus,
  type FindingsRaw,
  type InspectorFinding,
  SCHEMA_VERSION,
  type ScanJobEvent,
} from '@palisade/contracts';
import { checkFindingUid, type FindingStatus, inspectorFindingUid } from '@palisade/findings';
import {
  openTestDataSources,
  parseTenantId,
  TenantEntity,
  type TenantId,
  type TestDataSources,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';

export const ACCOUNT_A = '111111111111';
export const ACCOUNT_B = '222222222222';
export const ACCOUNT_C = '333333333333';
/** The check of a finding fixture that names none. */
export const DEFAULT_CHECK = 's3_bucket_public_access_blocked';

export async function createTenant(service: DataSource): Promise<TenantId> {
  const id = parseTenantId(randomUUID());
  const slug = `t-${id.slice(0, 8)}`;
  await withTenant(service, id, (manager) =>
    manager.insert(TenantEntity, { id, slug, name: slug }),
  );
  return id;
}

export interface FindingFixture {
  /** Default: ACCOUNT_A. */
  readonly accountId?: string;
  /** Default: eu-west-1. */
  readonly region?: string;
  /** Default: DEFAULT_CHECK; null: an Inspector2 finding. */
  readonly checkId?: string | null;
  /** Default: an S3 bucket of its own. */
  readonly resourceUid?: string;
  /** The last result; default FAIL for a check, none for an Inspector2 finding. */
  readonly compliance?: CheckStatus | null;
  /** Default: `resolved` with `resolvedAt`, else what a first observation of `compliance` gives. */
  readonly status?: FindingStatus;
  readonly suppressedBy?: string | null;
  readonly sourceSuppressed?: boolean;
  readonly resolvedAt?: Date | null;
  /** Also its first sighting and state time. Default: `resolvedAt`, else now. */
  readonly lastSeenAt?: Date;
}

const FIRST_STATUS: Record<CheckStatus, FindingStatus> = {
  PASS: 'compliant',
  FAIL: 'new',
  MANUAL: 'manual',
  ERROR: 'error',
};

/** Inserts findings (one statement) with the uids ingest would give them; returns those in order. */
export async function insertFindings(
  service: DataSource,
  tenantId: TenantId,
  findings: readonly FindingFixture[],
): Promise<string[]> {
  const now = new Date();
  const rows = findings.map((f) => {
    const accountId = f.accountId ?? ACCOUNT_A;
    const region = f.region ?? 'eu-west-1';
    const checkId = f.checkId === undefined ? DEFAULT_CHECK : f.checkId;
    const resourceUid = f.resourceUid ?? `arn:aws:s3:::bucket-${randomUUID()}`;
    const compliance =
      f.compliance === undefined ? (checkId === null ? null : 'FAIL') : f.compliance;
    const status = f.status ?? (f.resolvedAt ? 'resolved' : FIRST_STATUS[compliance ?? 'FAIL']);
    const lastSeen = f.lastSeenAt ?? f.resolvedAt ?? now;
    // The schema ties `resolved_at` to the `resolved` status.
    const resolvedAt = f.resolvedAt ?? (status === 'resolved' ? lastSeen : null);
    return {
      uid:
        checkId === null
          ? inspectorFindingUid(
              tenantId,
              `arn:aws:inspector2:${region}:${accountId}:finding/${resourceUid}`,
            )
          : checkFindingUid({ tenantId, provider: 'aws', accountId, region, checkId, resourceUid }),
      kind: checkId === null ? 'inspector' : 'check',
      account_id: accountId,
      region,
      check_id: checkId,
      resource_uid: resourceUid,
      status,
      compliance,
      suppressed_by: f.suppressedBy ?? null,
      source_suppressed: f.sourceSuppressed ?? false,
      last_seen_at: lastSeen.toISOString(),
      resolved_at: resolvedAt?.toISOString() ?? null,
    };
  });
  await withTenant(service, tenantId, (manager) =>
    manager.query(
      `INSERT INTO public.findings
         (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
          severity, status, compliance, suppressed_by, source_suppressed, first_seen_at,
          last_seen_at, state_at, resolved_at, scan_id, job_id, ocsf)
       SELECT $1, f.uid, f.kind, f.account_id, f.region, f.check_id, f.resource_uid,
              'AwsS3Bucket', 'a finding', 'high', f.status, f.compliance, f.suppressed_by,
              f.source_suppressed, f.last_seen_at, f.last_seen_at, f.last_seen_at, f.resolved_at,
              gen_random_uuid(), gen_random_uuid(), '{}'
         FROM jsonb_to_recordset($2::jsonb) AS f(uid text, kind text, account_id text,
              region text, check_id text, resource_uid text, status text, compliance text,
              suppressed_by uuid, source_suppressed boolean, last_seen_at timestamptz,
              resolved_at timestamptz)`,
      [tenantId, JSON.stringify(rows)],
    ),
  );
  return rows.map((r) => r.uid);
}

/** Resolves once `count` sessions of the test database wait on a lock (seen by the owner). */
export async function waitForLockWaiters(owner: DataSource, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const rows = await owner.query<{ n: number }[]>(
      // Not filtered on pg_locks.database: a row-lock wait is on a transaction id, which has none.
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE NOT granted
          AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`,
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`expected ${count} session(s) waiting on a lock`);
}

export interface TestAccount {
  readonly accountId: string;
  readonly name?: string;
  readonly ouId?: string;
  readonly tags?: Record<string, string>;
}

export interface TestScan {
  readonly tenantId: TenantId;
  readonly sourceId: string;
  readonly scanId: string;
  /** Job id by account id. */
  readonly jobs: ReadonlyMap<string, string>;
  jobOf(accountId: string): string;
}

/** A tenant's organization source with these accounts (OUs created as needed). */
export async function createSource(
  service: DataSource,
  tenantId: TenantId,
  accounts: readonly TestAccount[],
): Promise<string> {
  return withDiscoveryRepositories(service, tenantId, async (repos) => {
    const source = await repos.sources.create(tenantId, {
      name: `org-${randomUUID().slice(0, 8)}`,
      kind: 'organization',
      config: {
        managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeManagement',
        memberRoleName: 'PalisadeScan',
      },
    });
    const ous = [...new Set(accounts.flatMap((a) => (a.ouId ? [a.ouId] : [])))].map((ouId) => ({
      ouId,
      name: `OU ${ouId}`,
      parentId: null,
      path: `/${ouId}`,
    }));
    await repos.accounts.upsertInventory(
      tenantId,
      source.id,
      accounts.map((a) => ({
        accountId: a.accountId,
        name: a.name ?? `account ${a.accountId}`,
        state: 'ACTIVE' as const,
        ouId: a.ouId ?? null,
        tags: a.tags ?? {},
      })),
      ous,
      new Date(),
    );
    return source.id;
  });
}

/** A queued scan of the source with one pending account job per account. */
export async function createScan(
  service: DataSource,
  tenantId: TenantId,
  sourceId: string,
  accountIds: readonly string[],
): Promise<TestScan> {
  return withDiscoveryRepositories(service, tenantId, async (repos) => {
    const { scan } = await repos.scans.insertQueued(tenantId, {
      sourceId,
      trigger: { kind: 'cli' },
    });
    const { jobs } = await repos.scanJobs.insertJobs(
      tenantId,
      scan.id,
      accountIds.map((accountId) => ({ scope: 'account' as const, accountId })),
    );
    const byAccount = new Map(jobs.map((j) => [j.accountId, j.id]));
    return {
      tenantId,
      sourceId,
      scanId: scan.id,
      jobs: byAccount,
      jobOf: (accountId: string) => {
        const id = byAccount.get(accountId);
        if (!id) throw new Error(`no job for account ${accountId}`);
        return id;
      },
    };
  });
}

export async function openNormaliserTestContext(poolSize = 4): Promise<TestDataSources> {
  return openTestDataSources(poolSize);
}

/** A check result; `resource` is the last part of an S3 bucket ARN unless a full ARN is given. */
export function result(
  checkId: string,
  status: CheckResult['status'],
  resource: string,
  region = 'eu-west-1',
): CheckResult {
  const resourceUid = resource.startsWith('arn:') ? resource : `arn:aws:s3:::${resource}`;
  return {
    checkId,
    status,
    region,
    resourceUid,
    resourceType: 'AwsS3Bucket',
    message: `${checkId} ${status} for ${resourceUid}`,
    ...(status === 'ERROR' ? { errorCode: 'ACCESS_DENIED' } : {}),
  };
}

export function checkBatch(
  scan: TestScan,
  accountId: string,
  batchSeq: number,
  results: readonly CheckResult[],
  producedAt: Date,
): FindingsRaw {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'check-results',
    tenantId: scan.tenantId,
    scanId: scan.scanId,
    jobId: scan.jobOf(accountId),
    accountId,
    batchSeq,
    producedAt: producedAt.toISOString(),
    results: [...results],
  };
}

export function inspectorFinding(
  arnSuffix: string,
  status: InspectorFinding['status'],
  updatedAt: Date,
  accountId = '222222222222',
): InspectorFinding {
  return {
    findingArn: `arn:aws:inspector2:eu-west-1:${accountId}:finding/${arnSuffix}`,
    region: 'eu-west-1',
    status,
    severity: 'HIGH',
    type: 'PACKAGE_VULNERABILITY',
    title: `CVE-2026-0001 - openssl (${arnSuffix})`,
    description: 'A vulnerability in openssl.',
    firstObservedAt: '2026-11-01T00:00:00.000Z',
    lastObservedAt: updatedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    resource: { type: 'AWS_EC2_INSTANCE', id: `i-${arnSuffix}`, region: 'eu-west-1' },
    vulnerability: {
      id: 'CVE-2026-0001',
      cvss: [{ version: '3.1', baseScore: 7.5 }],
      packages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.9' }],
      referenceUrls: [],
    },
  };
}

export function inspectorBatch(
  scan: TestScan,
  accountId: string,
  batchSeq: number,
  findings: readonly InspectorFinding[],
  producedAt: Date,
): FindingsRaw {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'inspector-findings',
    tenantId: scan.tenantId,
    scanId: scan.scanId,
    jobId: scan.jobOf(accountId),
    accountId,
    batchSeq,
    producedAt: producedAt.toISOString(),
    findings: [...findings],
  };
}

/** The final event of an account job, counting the given results per (region, check) scope. */
export function finishedEvent(
  scan: TestScan,
  accountId: string,
  results: readonly CheckResult[],
  startedAt: Date,
  extra: Partial<Extract<ScanJobEvent, { type: 'finished' }>> = {},
): Extract<ScanJobEvent, { type: 'finished' }> {
  const counts = new Map<string, { region: string; checkId: string; count: number }>();
  for (const r of results) {
    const key = `${r.region}|${r.checkId}`;
    const c = counts.get(key) ?? { region: r.region, checkId: r.checkId, count: 0 };
    c.count += 1;
    counts.set(key, c);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    type: 'finished',
    tenantId: scan.tenantId,
    scanId: scan.scanId,
    jobId: scan.jobOf(accountId),
    accountId,
    at: new Date(startedAt.getTime() + 60_000).toISOString(),
    scopeCounts: [...counts.values()],
    batches: 1,
    errors: [],
    regions: { scanned: ['eu-west-1'], notEnabled: [], failed: [] },
    timings: { startedAt: startedAt.toISOString(), durationMs: 60_000 },
    apiCalls: 10,
    cancelled: false,
    ...extra,
  };
}
