// Seeds what the normaliser and discovery write, for the read routes' e2e specs: findings rows
// with the OCSF documents the real mappers build, their history, posture snapshots, and an
// organization inventory (OUs and accounts). Rows go in as the superuser (the harness's sql()).
import { randomUUID } from 'node:crypto';
import { ALL_CHECKS, type CheckMetadata } from '@palisade/checks';
import {
  type CheckResult,
  type CheckStatus,
  type InspectorFinding,
  inspectorFindingSchema,
} from '@palisade/contracts';
import {
  checkFindingUid,
  type FindingContext,
  type FindingSeverity,
  type FindingStatus,
  inspectorFindingUid,
  type LifecycleFields,
  mapCheckResult,
  mapInspectorFinding,
  PALISADE_VERSION,
} from '@palisade/findings';
import { type ApiTestApp } from './api-test-app';

const CHECKS = new Map<string, CheckMetadata>(ALL_CHECKS.map((c) => [c.metadata.id, c.metadata]));

export function checkMetadata(id: string): CheckMetadata {
  const check = CHECKS.get(id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

const FIRST_STATUS: Record<CheckStatus, FindingStatus> = {
  PASS: 'compliant',
  FAIL: 'new',
  MANUAL: 'manual',
  ERROR: 'error',
};

interface Common {
  readonly accountId: string;
  readonly region?: string;
  /** Default: what a first observation of the result gives (resolved when `resolvedAt`). */
  readonly status?: FindingStatus;
  /** Default: lastSeenAt. */
  readonly firstSeenAt?: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt?: Date;
  readonly suppressedBy?: string;
  readonly sourceSuppressed?: boolean;
}

export interface CheckSeed extends Common {
  readonly kind?: 'check';
  readonly checkId: string;
  readonly compliance: CheckStatus;
  /** Default: an S3 bucket of its own. */
  readonly resourceUid?: string;
}

export interface InspectorSeed extends Common {
  readonly kind: 'inspector';
  readonly title: string;
  readonly severity: InspectorFinding['severity'];
  readonly resourceType: string;
  readonly resourceId: string;
}

export type FindingSeed = CheckSeed | InspectorSeed;

/** A seeded row, as the API should show it. */
export interface SeededFinding {
  readonly uid: string;
  readonly kind: 'check' | 'inspector';
  readonly accountId: string;
  readonly region: string;
  readonly checkId: string | null;
  readonly resourceUid: string;
  readonly resourceType: string;
  readonly title: string;
  readonly severity: FindingSeverity;
  readonly status: FindingStatus;
  readonly compliance: CheckStatus | null;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
  readonly suppressedBy: string | null;
  readonly sourceSuppressed: boolean;
}

const INSPECTOR_SEVERITY: Record<InspectorFinding['severity'], FindingSeverity> = {
  INFORMATIONAL: 'informational',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
  UNTRIAGED: 'unknown',
};

function contextOf(tenantId: string, accountId: string): FindingContext {
  return {
    tenantId,
    scanId: randomUUID(),
    jobId: randomUUID(),
    partition: 'aws',
    accountId,
    productVersion: PALISADE_VERSION,
  };
}

/**
 * Inserts findings as the normaliser stores them (uid, columns, OCSF document). The stored
 * document is mapped with the finding's first observation (status new or compliant, never
 * suppressed), as after an ingest that a later suppression or resolution did not rewrite: the
 * API must overlay the row's lifecycle on it.
 */
export async function seedFindings(
  api: ApiTestApp,
  tenantId: string,
  seeds: readonly FindingSeed[],
): Promise<SeededFinding[]> {
  const rows = seeds.map((seed) => {
    const region = seed.region ?? 'global';
    const firstSeenAt = seed.firstSeenAt ?? seed.lastSeenAt;
    const ctx = contextOf(tenantId, seed.accountId);
    const observed: LifecycleFields = {
      status: 'new',
      suppressedBy: null,
      sourceSuppressed: false,
      firstSeenAt,
      lastSeenAt: firstSeenAt,
      resolvedAt: null,
    };
    let finding: Omit<
      SeededFinding,
      'status' | 'resolvedAt' | 'suppressedBy' | 'sourceSuppressed' | 'firstSeenAt' | 'lastSeenAt'
    >;
    let ocsf: unknown;
    if (seed.kind === 'inspector') {
      const findingArn = `arn:aws:inspector2:${region}:${seed.accountId}:finding/${randomUUID().replace(/-/g, '')}`;
      const source = inspectorFindingSchema.parse({
        findingArn,
        region,
        status: 'ACTIVE',
        severity: seed.severity,
        type: 'PACKAGE_VULNERABILITY',
        title: seed.title,
        firstObservedAt: firstSeenAt.toISOString(),
        lastObservedAt: seed.lastSeenAt.toISOString(),
        updatedAt: seed.lastSeenAt.toISOString(),
        resource: { type: seed.resourceType, id: seed.resourceId, region },
        vulnerability: { id: seed.title.split(' ')[0] ?? 'CVE-2030-0000' },
      });
      const uid = inspectorFindingUid(tenantId, findingArn);
      finding = {
        uid,
        kind: 'inspector',
        accountId: seed.accountId,
        region,
        checkId: null,
        resourceUid: seed.resourceId,
        resourceType: seed.resourceType,
        title: seed.title,
        severity: INSPECTOR_SEVERITY[seed.severity],
        compliance: null,
      };
      ocsf = mapInspectorFinding(source, ctx, uid, observed);
    } else {
      const check = checkMetadata(seed.checkId);
      const resourceUid = seed.resourceUid ?? `arn:aws:s3:::bucket-${randomUUID()}`;
      const uid = checkFindingUid({
        tenantId,
        provider: 'aws',
        accountId: seed.accountId,
        region,
        checkId: seed.checkId,
        resourceUid,
      });
      const result: CheckResult = {
        checkId: seed.checkId,
        status: seed.compliance,
        region,
        resourceUid,
        resourceType: check.resourceType,
        message: `${check.title}: ${seed.compliance} for ${resourceUid}`,
        ...(seed.compliance === 'ERROR' ? { errorCode: 'ACCESS_DENIED' } : {}),
      };
      finding = {
        uid,
        kind: 'check',
        accountId: seed.accountId,
        region,
        checkId: seed.checkId,
        resourceUid,
        resourceType: check.resourceType,
        title: check.title,
        severity: check.severity,
        compliance: seed.compliance,
      };
      ocsf = mapCheckResult(result, check, ctx, uid, {
        ...observed,
        status: FIRST_STATUS[seed.compliance],
      });
    }
    const status =
      seed.status ??
      (seed.resolvedAt
        ? 'resolved'
        : finding.compliance
          ? FIRST_STATUS[finding.compliance]
          : ('new' as const));
    const resolvedAt = status === 'resolved' ? (seed.resolvedAt ?? seed.lastSeenAt) : null;
    const seeded: SeededFinding = {
      ...finding,
      status,
      firstSeenAt,
      lastSeenAt: seed.lastSeenAt,
      resolvedAt,
      suppressedBy: seed.suppressedBy ?? null,
      sourceSuppressed: seed.sourceSuppressed ?? false,
    };
    return { seeded, ocsf, scanId: ctx.scanId, jobId: ctx.jobId };
  });
  if (rows.length > 0) {
    await api.sql(
      `INSERT INTO public.findings
         (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
          severity, status, compliance, error_code, suppressed_by, source_suppressed,
          first_seen_at, last_seen_at, state_at, resolved_at, scan_id, job_id, ocsf)
       SELECT $1, r.uid, r.kind, r.account_id, r.region, r.check_id, r.resource_uid,
              r.resource_type, r.title, r.severity, r.status, r.compliance,
              CASE WHEN r.compliance = 'ERROR' THEN 'ACCESS_DENIED' END, r.suppressed_by,
              r.source_suppressed, r.first_seen_at, r.last_seen_at, r.last_seen_at,
              r.resolved_at, r.scan_id, r.job_id, r.ocsf
         FROM jsonb_to_recordset($2::jsonb) AS r(uid text, kind text, account_id text,
              region text, check_id text, resource_uid text, resource_type text, title text,
              severity text, status text, compliance text, suppressed_by uuid,
              source_suppressed boolean, first_seen_at timestamptz, last_seen_at timestamptz,
              resolved_at timestamptz, scan_id uuid, job_id uuid, ocsf jsonb)`,
      [
        tenantId,
        JSON.stringify(
          rows.map(({ seeded: f, ocsf, scanId, jobId }) => ({
            uid: f.uid,
            kind: f.kind,
            account_id: f.accountId,
            region: f.region,
            check_id: f.checkId,
            resource_uid: f.resourceUid,
            resource_type: f.resourceType,
            title: f.title,
            severity: f.severity,
            status: f.status,
            compliance: f.compliance,
            suppressed_by: f.suppressedBy,
            source_suppressed: f.sourceSuppressed,
            first_seen_at: f.firstSeenAt.toISOString(),
            last_seen_at: f.lastSeenAt.toISOString(),
            resolved_at: f.resolvedAt?.toISOString() ?? null,
            scan_id: scanId,
            job_id: jobId,
            ocsf,
          })),
        ),
      ],
    );
  }
  return rows.map((r) => r.seeded);
}

export interface HistorySeed {
  readonly change: 'new' | 'resolved' | 'reopened' | 'suppressed' | 'unsuppressed' | null;
  readonly fromStatus: FindingStatus | null;
  readonly toStatus: FindingStatus;
  readonly at: Date;
  readonly suppressedBy?: string;
}

/** History rows of one finding, in the order given (ids increase). */
export async function seedHistory(
  api: ApiTestApp,
  tenantId: string,
  uid: string,
  entries: readonly HistorySeed[],
): Promise<void> {
  for (const entry of entries) {
    await api.sql(
      `INSERT INTO public.finding_history
         (tenant_id, finding_uid, change, from_status, to_status, suppressed_by, scan_id, job_id,
          observed_at, at)
       VALUES ($1, $2, $3, $4, $5, $6, gen_random_uuid(), gen_random_uuid(), $7, $7)`,
      [
        tenantId,
        uid,
        entry.change,
        entry.fromStatus,
        entry.toStatus,
        entry.suppressedBy ?? null,
        entry.at,
      ],
    );
  }
}

export interface OuSeed {
  readonly ouId: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly path: string;
}

export interface AccountSeed {
  readonly accountId: string;
  readonly name: string;
  readonly ouId: string | null;
}

/** An organization source of the tenant with these OUs and accounts. */
export async function seedInventory(
  api: ApiTestApp,
  tenantId: string,
  ous: readonly OuSeed[],
  accounts: readonly AccountSeed[],
): Promise<string> {
  const sourceId = randomUUID();
  await api.sql(
    `INSERT INTO public.sources (id, tenant_id, name, kind, config)
     VALUES ($1, $2, $3, 'organization', '{}')`,
    [sourceId, tenantId, `org-${sourceId.slice(0, 8)}`],
  );
  for (const ou of ous) {
    await api.sql(
      `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [tenantId, sourceId, ou.ouId, ou.name, ou.parentId, ou.path],
    );
  }
  const paths = new Map(ous.map((ou) => [ou.ouId, ou.path]));
  for (const account of accounts) {
    await api.sql(
      `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state, ou_id, ou_path,
                                    first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6, now(), now())`,
      [
        tenantId,
        sourceId,
        account.accountId,
        account.name,
        account.ouId,
        account.ouId ? (paths.get(account.ouId) ?? null) : null,
      ],
    );
  }
  return sourceId;
}

export interface SnapshotSeed {
  readonly day: string;
  readonly accountId: string;
  readonly framework: string;
  readonly passed: number;
  readonly failed: number;
  readonly manual?: number;
  readonly errored?: number;
  readonly suppressed?: number;
}

/** posture_snapshots rows (the score as the normaliser writes it). */
export async function seedSnapshots(
  api: ApiTestApp,
  tenantId: string,
  snapshots: readonly SnapshotSeed[],
): Promise<void> {
  for (const s of snapshots) {
    const total = s.passed + s.failed;
    await api.sql(
      `INSERT INTO public.posture_snapshots
         (tenant_id, day, account_id, framework, passed, failed, manual, errored, suppressed, score)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        tenantId,
        s.day,
        s.accountId,
        s.framework,
        s.passed,
        s.failed,
        s.manual ?? 0,
        s.errored ?? 0,
        s.suppressed ?? 0,
        total === 0 ? null : Math.round((10_000 * s.passed) / total) / 100,
      ],
    );
  }
}
