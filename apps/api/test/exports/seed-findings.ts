// Findings rows as the normaliser stores them (real OCSF documents from @palisade/findings'
// mappers, uids from its identity functions), written straight to the database for export
// and suppression tests.
import { randomUUID } from 'node:crypto';
import { ALL_CHECKS, type CheckMetadata } from '@palisade/checks';
import { type CheckStatus, type InspectorFinding } from '@palisade/contracts';
import {
  checkFindingUid,
  type FindingSeverity,
  type FindingStatus,
  inspectorFindingUid,
  type LifecycleFields,
  mapCheckResult,
  mapInspectorFinding,
  PALISADE_VERSION,
} from '@palisade/findings';

export const T0 = new Date('2030-03-01T10:00:00.000Z');
export const T1 = new Date('2030-03-02T10:00:00.000Z');

export interface SeedFinding {
  readonly kind?: 'check' | 'inspector';
  /** Default 111111111111. */
  readonly accountId?: string;
  /** Default eu-west-1 (global for a check of account or organization scope). */
  readonly region?: string;
  /** Check findings; default s3_bucket_public_access_block. */
  readonly checkId?: string;
  /** Check findings: the last result (default FAIL). */
  readonly compliance?: CheckStatus;
  readonly errorCode?: string;
  /** Default: what a first observation of the result gives (or new for Inspector). */
  readonly status?: FindingStatus;
  readonly suppressedBy?: string | null;
  readonly sourceSuppressed?: boolean;
  /** The result message / Inspector description. */
  readonly description?: string;
  readonly resourceUid?: string;
  /** Inspector findings: its type (default PACKAGE_VULNERABILITY) and severity. */
  readonly inspectorType?: string;
  readonly inspectorSeverity?: InspectorFinding['severity'];
  /** Extra evidence, to make documents bigger. */
  readonly evidence?: Record<string, unknown>;
}

export interface SeededFinding {
  readonly uid: string;
  readonly kind: 'check' | 'inspector';
  readonly accountId: string;
  readonly region: string;
  readonly checkId: string | null;
  readonly severity: FindingSeverity;
  readonly status: FindingStatus;
  readonly suppressed: boolean;
}

export type SqlFn = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

const CHECKS = new Map(ALL_CHECKS.map((c) => [c.metadata.id, c.metadata]));

export function checkMetadata(id: string): CheckMetadata {
  const check = CHECKS.get(id);
  if (check === undefined) throw new Error(`no check ${id}`);
  return check;
}

const FIRST_STATUS: Record<CheckStatus, FindingStatus> = {
  PASS: 'compliant',
  FAIL: 'new',
  MANUAL: 'manual',
  ERROR: 'error',
};

const INSPECTOR_SEVERITY: Record<InspectorFinding['severity'], FindingSeverity> = {
  UNTRIAGED: 'unknown',
  INFORMATIONAL: 'informational',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

interface Row {
  uid: string;
  kind: string;
  account_id: string;
  region: string;
  check_id: string | null;
  resource_uid: string;
  resource_type: string;
  title: string;
  severity: string;
  status: string;
  compliance: string | null;
  error_code: string | null;
  suppressed_by: string | null;
  source_suppressed: boolean;
  resolved_at: string | null;
  ocsf: unknown;
}

function rowOf(tenantId: string, scanId: string, f: SeedFinding): Row {
  const accountId = f.accountId ?? '111111111111';
  // The stored document is the first observation's: new, unsuppressed. The columns say what
  // the finding is now, and the export must overlay them.
  const stored: LifecycleFields = {
    status: 'new',
    suppressedBy: null,
    sourceSuppressed: false,
    firstSeenAt: T0,
    lastSeenAt: T0,
    resolvedAt: null,
  };
  const ctx = {
    tenantId,
    scanId,
    jobId: randomUUID(),
    partition: 'aws',
    accountId,
    productVersion: PALISADE_VERSION,
  };
  if ((f.kind ?? 'check') === 'check') {
    const check = checkMetadata(f.checkId ?? 's3_bucket_public_access_block');
    const region = f.region ?? (check.scope === 'region' ? 'eu-west-1' : 'global');
    const compliance = f.compliance ?? 'FAIL';
    const resourceUid = f.resourceUid ?? `arn:aws:s3:::bucket-${randomUUID()}`;
    const uid = checkFindingUid({
      tenantId,
      provider: 'aws',
      accountId,
      region,
      checkId: check.id,
      resourceUid,
    });
    const status = f.status ?? FIRST_STATUS[compliance];
    return {
      uid,
      kind: 'check',
      account_id: accountId,
      region,
      check_id: check.id,
      resource_uid: resourceUid,
      resource_type: check.resourceType,
      title: check.title,
      severity: check.severity,
      status,
      compliance,
      error_code: compliance === 'ERROR' ? (f.errorCode ?? 'ACCESS_DENIED') : null,
      suppressed_by: f.suppressedBy ?? null,
      source_suppressed: false,
      resolved_at: status === 'resolved' ? T1.toISOString() : null,
      ocsf: mapCheckResult(
        {
          checkId: check.id,
          status: compliance,
          region,
          resourceUid,
          resourceType: check.resourceType,
          message: f.description ?? `${check.title}: failing on ${resourceUid}`,
          evidence: f.evidence,
          errorCode: compliance === 'ERROR' ? (f.errorCode ?? 'ACCESS_DENIED') : undefined,
        },
        check,
        ctx,
        uid,
        stored,
      ),
    };
  }
  const region = f.region ?? 'eu-west-1';
  const findingArn = `arn:aws:inspector2:${region}:${accountId}:finding/${randomUUID()}`;
  const uid = inspectorFindingUid(tenantId, findingArn);
  const type = f.inspectorType ?? 'PACKAGE_VULNERABILITY';
  const severity = f.inspectorSeverity ?? 'HIGH';
  const finding: InspectorFinding = {
    findingArn,
    region,
    status: 'ACTIVE',
    severity,
    type,
    title: type === 'PACKAGE_VULNERABILITY' ? 'CVE-2030-12345 - openssl' : '',
    description: f.description ?? 'A buffer overflow in openssl allows remote code execution.',
    firstObservedAt: T0.toISOString(),
    lastObservedAt: T0.toISOString(),
    updatedAt: T0.toISOString(),
    resource: {
      type: 'AWS_EC2_INSTANCE',
      id: f.resourceUid ?? 'i-0abc1234def567890',
      region,
      details: { awsEc2Instance: { platform: 'AMAZON_LINUX_2', ...f.evidence } },
    },
    vulnerability:
      type === 'PACKAGE_VULNERABILITY'
        ? {
            id: 'CVE-2030-12345',
            cvss: [{ version: '3.1', baseScore: 8.1, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N' }],
            packages: [{ name: 'openssl', version: '1.0.2k', fixedInVersion: '1.0.2k-24' }],
            fixAvailable: 'YES',
            exploitAvailable: 'NO',
            referenceUrls: ['https://nvd.nist.gov/vuln/detail/CVE-2030-12345'],
            remediation: 'Update openssl to 1.0.2k-24 or later.',
          }
        : undefined,
    inspectorScore: 8.1,
  };
  const status = f.status ?? 'new';
  return {
    uid,
    kind: 'inspector',
    account_id: accountId,
    region,
    check_id: null,
    resource_uid: finding.resource.id,
    resource_type: finding.resource.type,
    title: finding.title === '' ? type : finding.title,
    severity: INSPECTOR_SEVERITY[severity],
    status,
    compliance: null,
    error_code: null,
    suppressed_by: f.suppressedBy ?? null,
    source_suppressed: f.sourceSuppressed ?? false,
    resolved_at: status === 'resolved' ? T1.toISOString() : null,
    ocsf: mapInspectorFinding(finding, ctx, uid, stored),
  };
}

/** Inserts the findings (1,000 rows a statement) as superuser; returns them in order. */
export async function seedFindings(
  sql: SqlFn,
  tenantId: string,
  findings: readonly SeedFinding[],
): Promise<SeededFinding[]> {
  const scanId = randomUUID();
  const rows = findings.map((f) => rowOf(tenantId, scanId, f));
  for (let i = 0; i < rows.length; i += 1_000) {
    await sql(
      `INSERT INTO public.findings
         (tenant_id, uid, kind, account_id, region, check_id, resource_uid, resource_type, title,
          severity, status, compliance, error_code, suppressed_by, source_suppressed,
          first_seen_at, last_seen_at, state_at, resolved_at, scan_id, job_id, ocsf)
       SELECT $1, f.uid, f.kind, f.account_id, f.region, f.check_id, f.resource_uid,
              f.resource_type, f.title, f.severity, f.status, f.compliance, f.error_code,
              f.suppressed_by, f.source_suppressed, $2, $3, $3, f.resolved_at, $4,
              gen_random_uuid(), f.ocsf
         FROM jsonb_to_recordset($5::jsonb) AS f(uid text, kind text, account_id text,
              region text, check_id text, resource_uid text, resource_type text, title text,
              severity text, status text, compliance text, error_code text, suppressed_by uuid,
              source_suppressed boolean, resolved_at timestamptz, ocsf jsonb)`,
      [tenantId, T0, T1, scanId, JSON.stringify(rows.slice(i, i + 1_000))],
    );
  }
  return rows.map((r) => ({
    uid: r.uid,
    kind: r.kind as 'check' | 'inspector',
    accountId: r.account_id,
    region: r.region,
    checkId: r.check_id,
    severity: r.severity as FindingSeverity,
    status: r.status as FindingStatus,
    suppressed: r.suppressed_by !== null || r.source_suppressed,
  }));
}
