// A check result → OCSF Compliance Finding (2003). Runs for every result of every scan: plain
// object literals, no validation, no copies of the result's evidence.
import { type CheckMetadata, type Severity } from '@palisade/checks';
import { type CheckResult, type CheckStatus } from '@palisade/contracts';
import {
  type OcsfCompliance,
  type OcsfComplianceFinding,
  type OcsfComplianceStatusId,
  type OcsfRemediation,
  type OcsfSeverityId,
} from '../ocsf/types';
import { cloudOf, metadataOf, palisadeProduct, resourceOf, SEVERITY_CAPTIONS } from './common';
import { type FindingContext, type LifecycleFields } from './context';
import { lifecycleFieldsOf } from './lifecycle';

const CHECK_SEVERITY_IDS: Readonly<Record<Severity, OcsfSeverityId>> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

/** OCSF's compliance status has no "manual": 99 Other, named in `status`. */
const COMPLIANCE_STATUS: Readonly<
  Record<CheckStatus, { readonly id: OcsfComplianceStatusId; readonly caption: string }>
> = {
  PASS: { id: 1, caption: 'Pass' },
  FAIL: { id: 3, caption: 'Fail' },
  MANUAL: { id: 99, caption: 'Manual' },
  ERROR: { id: 0, caption: 'Unknown' },
};

const MANUAL_DETAILS: readonly string[] = ['manual'];
const NONE: readonly string[] = [];

/** `<framework id> <requirement id>`, as OCSF's own example (`NIST.800-53.r5 AU-10`) does. */
function requirementsOf(compliance: CheckMetadata['compliance']): string[] {
  const requirements: string[] = [];
  for (const [framework, ids] of Object.entries(compliance)) {
    for (const id of ids) requirements.push(`${framework} ${id}`);
  }
  return requirements;
}

function complianceOf(
  result: CheckResult,
  check: CheckMetadata | undefined,
  severityId: OcsfSeverityId,
): OcsfCompliance {
  const status = COMPLIANCE_STATUS[result.status];
  const standards = check === undefined ? NONE : Object.keys(check.compliance);
  return {
    control: result.checkId,
    standards,
    requirements: check === undefined ? NONE : requirementsOf(check.compliance),
    status_id: status.id,
    status: status.caption,
    status_code: result.errorCode,
    status_details: result.status === 'MANUAL' ? MANUAL_DETAILS : undefined,
    checks: [
      {
        uid: result.checkId,
        name: check?.title ?? result.checkId,
        severity_id: severityId,
        severity: SEVERITY_CAPTIONS[severityId],
        status_id: status.id,
        status: status.caption,
        standards,
      },
    ],
  };
}

function remediationOf(check: CheckMetadata | undefined): OcsfRemediation | undefined {
  if (check === undefined) return undefined;
  return { desc: check.remediation.text, references: [check.remediation.url] };
}

/**
 * Maps one result. `check` is the result's check metadata; a check id this build does not know
 * (a newer scanner) still maps, with severity 0 Unknown and the check id as its title.
 */
export function mapCheckResult(
  result: CheckResult,
  check: CheckMetadata | undefined,
  ctx: FindingContext,
  uid: string,
  lifecycle: LifecycleFields,
): OcsfComplianceFinding {
  const severityId = check === undefined ? 0 : CHECK_SEVERITY_IDS[check.severity];
  const product = palisadeProduct(ctx.productVersion);
  const lc = lifecycleFieldsOf(2003, 'Compliance Finding', lifecycle);
  // Every field written in one literal (no spread): V8 keeps such objects fast.
  return {
    class_uid: 2003,
    class_name: 'Compliance Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: lc.activity_id,
    activity_name: lc.activity_name,
    type_uid: lc.type_uid,
    type_name: lc.type_name,
    status_id: lc.status_id,
    status: lc.status,
    status_detail: lc.status_detail,
    time: lc.time,
    severity_id: severityId,
    severity: SEVERITY_CAPTIONS[severityId],
    metadata: metadataOf(ctx, product, undefined),
    cloud: cloudOf(ctx, result.region),
    finding_info: {
      uid,
      title: check?.title ?? result.checkId,
      desc: result.message,
      types: check?.categories,
      first_seen_time: lifecycle.firstSeenAt.getTime(),
      last_seen_time: lifecycle.lastSeenAt.getTime(),
      product,
    },
    resources: [resourceOf(ctx, result.resourceUid, result.resourceType, result.region)],
    compliance: complianceOf(result, check, severityId),
    remediation: remediationOf(check),
    unmapped: { job_id: ctx.jobId, evidence: result.evidence },
  };
}
