// An Amazon Inspector2 finding → OCSF Vulnerability Finding (2002). Runs for every pulled
// finding: plain object literals, no validation, the resource details passed by reference.
import { type InspectorFinding } from '@palisade/contracts';
import {
  type OcsfCvss,
  type OcsfProduct,
  type OcsfSeverityId,
  type OcsfVulnerability,
  type OcsfVulnerabilityFinding,
} from '../ocsf/types';
import { cloudOf, metadataOf, palisadeProduct, resourceOf, SEVERITY_CAPTIONS } from './common';
import { type FindingContext, type LifecycleFields } from './context';
import { lifecycleFieldsOf } from './lifecycle';

type InspectorVulnerability = NonNullable<InspectorFinding['vulnerability']>;

/** UNTRIAGED: Inspector has not scored it yet, so OCSF's 0 Unknown. */
const INSPECTOR_SEVERITY_IDS: Readonly<Record<InspectorFinding['severity'], OcsfSeverityId>> = {
  UNTRIAGED: 0,
  INFORMATIONAL: 1,
  LOW: 2,
  MEDIUM: 3,
  HIGH: 4,
  CRITICAL: 5,
};

const FIX_COVERAGE: Readonly<
  Record<
    NonNullable<InspectorVulnerability['fixAvailable']>,
    { readonly id: 1 | 2 | 3; readonly caption: string }
  >
> = {
  YES: { id: 1, caption: 'Complete' },
  PARTIAL: { id: 2, caption: 'Partial' },
  NO: { id: 3, caption: 'None' },
};

/** The product that found it (`metadata.product` is Palisade, which normalised it). */
const INSPECTOR_PRODUCT: OcsfProduct = {
  uid: 'inspector2',
  name: 'Amazon Inspector',
  vendor_name: 'AWS',
};

const CVE_ID = /^CVE-\d{4}-\d+$/i;
const CWE_ID = /^CWE-\d+$/i;

/**
 * OCSF wants exactly one of cve / cwe / advisory. Package findings carry a CVE id or a vendor
 * advisory id (GHSA-…, ALAS…); code findings a detector id or CWE ids: an advisory unless it
 * is a single CWE.
 */
function identityOf(v: InspectorVulnerability): 'cve' | 'cwe' | 'advisory' {
  if (CVE_ID.test(v.id)) return 'cve';
  return CWE_ID.test(v.id) ? 'cwe' : 'advisory';
}

function cvssOf(v: InspectorVulnerability): OcsfCvss[] | undefined {
  if (v.cvss.length === 0) return undefined;
  return v.cvss.map((c) => ({
    version: c.version,
    base_score: c.baseScore,
    vector_string: c.vector,
  }));
}

const epochMs = (iso: string): number => Date.parse(iso);

/** Inspector2 titles can be empty; its finding type is the next best name. */
const titleOf = (finding: InspectorFinding): string =>
  finding.title === '' ? finding.type : finding.title;

function vulnerabilityOf(finding: InspectorFinding, v: InspectorVulnerability): OcsfVulnerability {
  const fix = v.fixAvailable === undefined ? undefined : FIX_COVERAGE[v.fixAvailable];
  const identity = identityOf(v);
  // Every field written in one literal (no spread): V8 keeps such objects fast.
  return {
    cve: identity === 'cve' ? { uid: v.id, cvss: cvssOf(v) } : undefined,
    cwe: identity === 'cwe' ? { uid: v.id } : undefined,
    advisory: identity === 'advisory' ? { uid: v.id } : undefined,
    title: titleOf(finding),
    desc: finding.description === '' ? undefined : finding.description,
    severity: SEVERITY_CAPTIONS[INSPECTOR_SEVERITY_IDS[finding.severity]],
    vendor_name: 'Amazon Inspector',
    first_seen_time: epochMs(finding.firstObservedAt),
    last_seen_time: epochMs(finding.lastObservedAt),
    affected_packages:
      v.packages.length === 0
        ? undefined
        : v.packages.map((p) => ({
            name: p.name,
            // OCSF requires a version; Inspector2 always reports one, the contract allows none.
            version: p.version ?? '',
            fixed_in_version: p.fixedInVersion,
            package_manager: p.packageManager,
          })),
    is_fix_available: fix === undefined ? undefined : fix.id !== 3,
    fix_coverage_id: fix?.id,
    fix_coverage: fix?.caption,
    is_exploit_available:
      v.exploitAvailable === undefined ? undefined : v.exploitAvailable === 'YES',
    exploit_last_seen_time:
      v.exploitLastSeenAt === undefined ? undefined : epochMs(v.exploitLastSeenAt),
    references: v.referenceUrls.length === 0 ? undefined : v.referenceUrls,
    remediation: v.remediation === undefined ? undefined : { desc: v.remediation },
  };
}

/**
 * Maps one Inspector2 finding. One without vulnerability details (network reachability) has
 * no vulnerability to name (OCSF needs a cve, cwe or advisory): `vulnerabilities` is empty.
 */
export function mapInspectorFinding(
  finding: InspectorFinding,
  ctx: FindingContext,
  uid: string,
  lifecycle: LifecycleFields,
): OcsfVulnerabilityFinding {
  const severityId = INSPECTOR_SEVERITY_IDS[finding.severity];
  const resource = finding.resource;
  const lc = lifecycleFieldsOf(2002, 'Vulnerability Finding', lifecycle);
  // Every field written in one literal (no spread): V8 keeps such objects fast.
  return {
    class_uid: 2002,
    class_name: 'Vulnerability Finding',
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
    metadata: metadataOf(ctx, palisadeProduct(ctx.productVersion), {
      uid: finding.findingArn,
      time: finding.updatedAt,
    }),
    cloud: cloudOf(ctx, finding.region),
    finding_info: {
      uid,
      uid_alt: finding.findingArn,
      title: titleOf(finding),
      desc: finding.description === '' ? undefined : finding.description,
      types: [finding.type],
      first_seen_time: lifecycle.firstSeenAt.getTime(),
      last_seen_time: lifecycle.lastSeenAt.getTime(),
      modified_time: epochMs(finding.updatedAt),
      product: INSPECTOR_PRODUCT,
    },
    resources: [
      resourceOf(
        ctx,
        resource.id,
        resource.type,
        resource.region ?? finding.region,
        resource.details,
      ),
    ],
    vulnerabilities:
      finding.vulnerability === undefined ? [] : [vulnerabilityOf(finding, finding.vulnerability)],
    unmapped: { job_id: ctx.jobId, inspector_score: finding.inspectorScore },
  };
}
