// Integration-test support for the normaliser's tables (excluded from the build: `**/test/**`):
// rows written with plain SQL as the service role, under their tenant (RLS applies).
import { type CheckStatus } from '@palisade/contracts';
import { type FindingStatus } from '@palisade/findings';
import { parseTenantId, TenantEntity, type TenantId, withTenant } from '@palisade/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';

/** A check of CIS AWS Foundations v7.0.0 only. */
export const CIS_CHECK = 'iam_root_access_key_absent';
/** Another check of CIS AWS Foundations v7.0.0 only. */
export const CIS_CHECK_2 = 'iam_root_mfa_enabled';
/** The check of Palisade security-service coverage v1 only. */
export const COVERAGE_CHECK = 'inspector2_scanning_enabled';
export const CIS = 'cis-aws-foundations-v7.0.0';
export const COVERAGE = 'palisade-security-coverage-v1';

export async function createTenant(
  service: DataSource,
  slug = `t-${randomUUID().slice(0, 8)}`,
): Promise<TenantId> {
  const id = parseTenantId(randomUUID());
  await withTenant(service, id, (manager) =>
    manager.insert(TenantEntity, { id, slug, name: slug }),
  );
  return id;
}

export interface FindingFixture {
  readonly accountId: string;
  /** null: an Inspector2 finding. */
  readonly checkId: string | null;
  readonly compliance?: CheckStatus | null;
  /** Default: what a first observation of `compliance` gives (resolved_at follows `resolvedAt`). */
  readonly status?: FindingStatus;
  readonly suppressedBy?: string | null;
  readonly sourceSuppressed?: boolean;
  readonly resolvedAt?: Date | null;
  readonly lastSeenAt?: Date;
}

const FIRST_STATUS: Record<CheckStatus, FindingStatus> = {
  PASS: 'compliant',
  FAIL: 'new',
  MANUAL: 'manual',
  ERROR: 'error',
};

/** Inserts findings (one statement); returns their uids in order. */
export async function insertFindings(
  service: DataSource,
  tenantId: TenantId,
  findings: readonly FindingFixture[],
): Promise<string[]> {
  const rows = findings.map((f) => {
    const compliance =
      f.compliance === undefined ? (f.checkId === null ? null : 'FAIL') : f.compliance;
    const resolvedAt = f.resolvedAt ?? null;
    const status = f.status ?? (resolvedAt ? 'resolved' : FIRST_STATUS[compliance ?? 'FAIL']);
    const lastSeen = (f.lastSeenAt ?? resolvedAt ?? new Date()).toISOString();
    return {
      uid: randomBytes(32).toString('hex'),
      kind: f.checkId === null ? 'inspector' : 'check',
      account_id: f.accountId,
      check_id: f.checkId,
      status,
      compliance,
      suppressed_by: f.suppressedBy ?? null,
      source_suppressed: f.sourceSuppressed ?? false,
      last_seen_at: lastSeen,
      resolved_at: resolvedAt?.toISOString() ?? null,
    };
  });
  await withTenant(service, tenantId, (manager) =>
    manager.query(
      `INSERT INTO public.findings
         (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
          severity, status, compliance, suppressed_by, source_suppressed, first_seen_at,
          last_seen_at, state_at, resolved_at, scan_id, job_id, ocsf)
       SELECT $1, f.uid, f.kind, f.account_id, 'eu-west-1', f.check_id,
              'arn:aws:s3:::bucket-' || f.uid, 'AwsS3Bucket', 'a finding', 'high', f.status,
              f.compliance, f.suppressed_by, f.source_suppressed, f.last_seen_at, f.last_seen_at,
              f.last_seen_at, f.resolved_at, gen_random_uuid(), gen_random_uuid(), '{}'
         FROM jsonb_to_recordset($2::jsonb) AS f(uid text, kind text, account_id text,
              check_id text, status text, compliance text, suppressed_by uuid,
              source_suppressed boolean, last_seen_at timestamptz, resolved_at timestamptz)`,
      [tenantId, JSON.stringify(rows)],
    ),
  );
  return rows.map((r) => r.uid);
}

/** A scan job of the tenant (a source and scan to hang it on), for rows that reference a job. */
export async function createScanJob(service: DataSource, tenantId: TenantId): Promise<string> {
  return withTenant(service, tenantId, async (manager) => {
    const rows = await manager.query<{ id: string }[]>(
      `WITH source AS (
         INSERT INTO public.sources (tenant_id, name, kind, config)
         VALUES ($1, $2, 'accounts', '{}') RETURNING id),
       scan AS (
         INSERT INTO public.scans (tenant_id, source_id, "trigger")
         SELECT $1, id, '{"kind":"manual"}' FROM source RETURNING id)
       INSERT INTO public.scan_jobs (tenant_id, scan_id, account_id, scope)
       SELECT $1, id, '111111111111', 'account' FROM scan RETURNING id`,
      [tenantId, `source-${randomUUID().slice(0, 8)}`],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('scan job not created');
    return id;
  });
}
