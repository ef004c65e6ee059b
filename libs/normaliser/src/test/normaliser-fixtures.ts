// Integration-test support for the normaliser (excluded from the build: `**/test/**`): a tenant
// with an organization source, its accounts, a scan with one job per account, and builders of
// the messages the scanner sends.
import { randomUUID } from 'node:crypto';
import {
  type CheckResult,
  type FindingsRaw,
  type InspectorFinding,
  SCHEMA_VERSION,
  type ScanJobEvent,
} from '@palisade/contracts';
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

export async function createTenant(service: DataSource): Promise<TenantId> {
  const id = parseTenantId(randomUUID());
  const slug = `t-${id.slice(0, 8)}`;
  await withTenant(service, id, (manager) =>
    manager.insert(TenantEntity, { id, slug, name: slug }),
  );
  return id;
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
