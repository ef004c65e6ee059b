// Data of the normaliser ingest bench: one tenant with an organization source of N accounts and
// a scan with one job per account (seeded through the discovery repositories, as discovery
// would), the synthetic check results of that scan as `findings.raw` batches, and the very same
// results as `findings` rows in COPY text format — mapped by the normaliser's own mapper, so the
// baseline writes the bytes the normaliser writes.
import { randomUUID } from 'node:crypto';
import { ALL_CHECKS, type CheckMetadata } from '@palisade/checks';
import {
  type CheckResult,
  type CheckStatus,
  type FindingsRaw,
  SCHEMA_VERSION,
} from '@palisade/contracts';
import {
  checkFindingUid,
  type FindingContext,
  type FindingStatus,
  mapCheckResult,
  observe,
} from '@palisade/findings';
import {
  parseTenantId,
  TenantEntity,
  type TenantId,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';

const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'] as const;
const OU_COUNT = 5;
const FIRST_ACCOUNT = 300_000_000_000;
const CHECKS: readonly CheckMetadata[] = ALL_CHECKS.map((c) => c.metadata);

export interface BenchAccount {
  readonly accountId: string;
  readonly name: string;
  readonly ouId: string;
  readonly ouName: string;
  readonly jobId: string;
  /** Results of this account's job. */
  readonly results: number;
}

export interface BenchScan {
  readonly tenantId: TenantId;
  readonly scanId: string;
  readonly accounts: readonly BenchAccount[];
  /** When the scanner produced every batch: the observation time of every result. */
  readonly producedAt: Date;
}

/** `total` results shared as evenly as possible by `accounts` accounts. */
function shares(total: number, accounts: number): number[] {
  const base = Math.floor(total / accounts);
  return Array.from({ length: accounts }, (_, i) => base + (i < total % accounts ? 1 : 0));
}

/** The tenant, its organization source (accounts spread over a few OUs) and a queued scan. */
export async function seedScan(
  service: DataSource,
  accountCount: number,
  totalResults: number,
): Promise<BenchScan> {
  const tenantId = parseTenantId(randomUUID());
  const slug = `bench-${tenantId.slice(0, 8)}`;
  await withTenant(service, tenantId, (manager) =>
    manager.insert(TenantEntity, { id: tenantId, slug, name: slug }),
  );
  const ous = Array.from({ length: OU_COUNT }, (_, i) => ({
    ouId: `ou-bnch-${String(i).padStart(8, '0')}`,
    name: `Workloads ${i}`,
    parentId: null,
    path: `/Root/Workloads ${i}`,
  }));
  const ids = Array.from({ length: accountCount }, (_, i) => String(FIRST_ACCOUNT + i));
  const ouOf = (i: number) => ous[i % OU_COUNT]!;
  return withDiscoveryRepositories(service, tenantId, async (repos) => {
    const source = await repos.sources.create(tenantId, {
      name: 'bench organization',
      kind: 'organization',
      config: {
        managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeManagement',
        memberRoleName: 'PalisadeScan',
      },
    });
    await repos.accounts.upsertInventory(
      tenantId,
      source.id,
      ids.map((accountId, i) => ({
        accountId,
        name: `workload-${accountId}`,
        state: 'ACTIVE' as const,
        ouId: ouOf(i).ouId,
        tags: { env: i % 2 === 0 ? 'prod' : 'dev' },
      })),
      ous,
      new Date(),
    );
    const { scan } = await repos.scans.insertQueued(tenantId, {
      sourceId: source.id,
      trigger: { kind: 'cli' },
    });
    const { jobs } = await repos.scanJobs.insertJobs(
      tenantId,
      scan.id,
      ids.map((accountId) => ({ scope: 'account' as const, accountId })),
    );
    const jobOf = new Map(jobs.map((j) => [j.accountId, j.id]));
    const counts = shares(totalResults, accountCount);
    return {
      tenantId,
      scanId: scan.id,
      producedAt: new Date(),
      accounts: ids.map((accountId, i) => ({
        accountId,
        name: `workload-${accountId}`,
        ouId: ouOf(i).ouId,
        ouName: ouOf(i).name,
        jobId: jobOf.get(accountId) ?? '',
        results: counts[i] ?? 0,
      })),
    };
  });
}

/** mulberry32: the same statuses on every run, no dependency. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** ~70 % PASS, 25 % FAIL, 3 % MANUAL, 2 % ERROR. */
function statusOf(draw: number): CheckStatus {
  if (draw < 0.7) return 'PASS';
  if (draw < 0.95) return 'FAIL';
  if (draw < 0.98) return 'MANUAL';
  return 'ERROR';
}

const kebab = (type: string) => type.replace(/^Aws/, '').replace(/([a-z])([A-Z])/g, '$1-$2');

/**
 * The results of one account's job, in the order the scanner would send them: the checks in
 * turn, regional checks over a handful of regions, one resource each (unique per account,
 * check and resource, so every result is a finding of its own).
 */
export function* accountResults(account: BenchAccount, index: number): Generator<CheckResult> {
  const draw = random(index + 1);
  for (let i = 0; i < account.results; i++) {
    const check = CHECKS[(i + index) % CHECKS.length]!;
    const round = Math.floor(i / CHECKS.length);
    const region =
      check.scope === 'region' ? REGIONS[round % REGIONS.length]! : ('global' as const);
    const name = `bench-${String(i).padStart(6, '0')}`;
    const arnRegion = region === 'global' ? '' : region;
    const resourceUid = `arn:aws:${check.service}:${arnRegion}:${account.accountId}:${kebab(check.resourceType).toLowerCase()}/${name}`;
    const status = statusOf(draw());
    const base = { checkId: check.id, region, resourceUid, resourceType: check.resourceType };
    if (status === 'ERROR') {
      yield {
        ...base,
        status,
        errorCode: 'ACCESS_DENIED',
        message: `User is not authorized to perform ${check.service}:Describe* on ${name}`,
      };
      continue;
    }
    yield {
      ...base,
      status,
      message: `${check.title}: ${status} for ${name}`,
      evidence:
        status === 'FAIL'
          ? { observed: { enabled: false, lastChangedBy: 'ops-pipeline' }, expected: true }
          : { observed: { enabled: status === 'PASS' }, source: `${check.service} settings` },
    };
  }
}

/**
 * Every account's results as `findings.raw` batches of `batchSize`, round-robin over the
 * accounts (a fleet scanning them at once): batch 0 of every account, then batch 1, ….
 */
export function* rawBatches(scan: BenchScan, batchSize: number): Generator<FindingsRaw> {
  const streams = scan.accounts.map((a, i) => ({ account: a, results: accountResults(a, i) }));
  for (let seq = 0; streams.some((s) => s.account.results > seq * batchSize); seq++) {
    for (const { account, results } of streams) {
      const batch: CheckResult[] = [];
      while (batch.length < batchSize) {
        const next = results.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) continue;
      yield {
        schemaVersion: SCHEMA_VERSION,
        kind: 'check-results',
        tenantId: scan.tenantId,
        scanId: scan.scanId,
        jobId: account.jobId,
        accountId: account.accountId,
        batchSeq: seq,
        producedAt: scan.producedAt.toISOString(),
        results: batch,
      };
    }
  }
}

/** The `findings` columns the COPY baseline writes (the rest take their defaults). */
export const COPY_COLUMNS = [
  'tenant_id',
  'uid',
  'kind',
  'account_id',
  'region',
  'check_id',
  'resource_uid',
  'resource_type',
  'title',
  'severity',
  'status',
  'compliance',
  'error_code',
  'source_suppressed',
  'first_seen_at',
  'last_seen_at',
  'state_at',
  'resolved_at',
  'scan_id',
  'job_id',
  'ocsf',
] as const;

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL is `\N`. */
function field(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? '\\\\')
    : value;
}

/**
 * The rows a first scan of these results leaves in `findings`, as COPY text in chunks of
 * `rowsPerChunk` rows: identity, lifecycle (the normaliser's `observe`) and OCSF document (its
 * `mapCheckResult`) computed here, as the normaliser computes them.
 */
export function* copyText(
  scan: BenchScan,
  productVersion: string,
  rowsPerChunk = 1_000,
): Generator<string> {
  const checks = new Map(CHECKS.map((c) => [c.id, c]));
  let chunk: string[] = [];
  for (const [index, account] of scan.accounts.entries()) {
    const ctx: FindingContext = {
      tenantId: scan.tenantId,
      scanId: scan.scanId,
      jobId: account.jobId,
      partition: 'aws',
      accountId: account.accountId,
      accountName: account.name,
      org: { ouUid: account.ouId, ouName: account.ouName },
      productVersion,
    };
    for (const result of accountResults(account, index)) {
      const check = checks.get(result.checkId);
      const uid = checkFindingUid({
        tenantId: scan.tenantId,
        provider: 'aws',
        accountId: account.accountId,
        region: result.region,
        checkId: result.checkId,
        resourceUid: result.resourceUid,
      });
      const { state } = observe(undefined, {
        outcome: result.status,
        observedAt: scan.producedAt,
      });
      const status: FindingStatus = state.status;
      const ocsf = mapCheckResult(result, check, ctx, uid, {
        status,
        suppressedBy: null,
        sourceSuppressed: false,
        firstSeenAt: state.firstSeenAt,
        lastSeenAt: state.lastSeenAt,
        resolvedAt: state.resolvedAt,
      });
      chunk.push(
        [
          scan.tenantId,
          uid,
          'check',
          account.accountId,
          result.region,
          result.checkId,
          field(result.resourceUid),
          field(result.resourceType),
          field(check?.title ?? result.checkId),
          check?.severity ?? 'unknown',
          status,
          result.status,
          result.errorCode ?? '\\N',
          'f',
          state.firstSeenAt.toISOString(),
          state.lastSeenAt.toISOString(),
          state.stateAt.toISOString(),
          state.resolvedAt ? state.resolvedAt.toISOString() : '\\N',
          scan.scanId,
          account.jobId,
          field(JSON.stringify(ocsf)),
        ].join('\t'),
      );
      if (chunk.length >= rowsPerChunk) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
}
