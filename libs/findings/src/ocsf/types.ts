// The subset of OCSF 1.8.0 Palisade emits: Compliance Finding (2003) for check results and
// Vulnerability Finding (2002) for Inspector2 findings, with the `cloud` profile. The compiled
// JSON Schemas in ./schema are the full classes; these types name only what the mappers write.
// Times are epoch milliseconds (OCSF `timestamp_t`).

export type OcsfSeverityId = 0 | 1 | 2 | 3 | 4 | 5;
/** Finding activities: 1 Create, 2 Update, 3 Close. */
export type OcsfActivityId = 1 | 2 | 3;
/** Finding statuses: 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 99 Other. */
export type OcsfFindingStatusId = 1 | 2 | 3 | 4 | 99;
/** Compliance statuses: 0 Unknown, 1 Pass, 3 Fail, 99 Other. */
export type OcsfComplianceStatusId = 0 | 1 | 3 | 99;

export interface OcsfProduct {
  readonly uid: string;
  readonly name: string;
  readonly vendor_name: string;
  readonly version?: string;
}

export interface OcsfMetadata {
  readonly version: '1.8.0';
  readonly product: OcsfProduct;
  readonly profiles: readonly string[];
  readonly tenant_uid: string;
  /** The scan that made the observation. */
  readonly correlation_uid: string;
  /** Inspector2: the finding ARN and its `updatedAt`. */
  readonly original_event_uid?: string;
  readonly original_time?: string;
}

export interface OcsfCloud {
  readonly provider: 'AWS';
  readonly cloud_partition: string;
  /** Absent for results of global services (region `global`). */
  readonly region?: string;
  readonly account: {
    readonly uid: string;
    readonly name?: string;
    readonly type: 'AWS Account';
    readonly type_id: 10;
  };
  readonly org?: { readonly uid: string; readonly ou_uid?: string; readonly ou_name?: string };
}

export interface OcsfResource {
  readonly uid: string;
  readonly type: string;
  readonly provider: 'AWS';
  readonly cloud_partition: string;
  readonly region?: string;
  readonly role_id: 1;
  readonly role: 'Target';
  /** Inspector2's resource details. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface OcsfFindingInfo {
  readonly uid: string;
  readonly title: string;
  readonly desc?: string;
  readonly types?: readonly string[];
  readonly first_seen_time: number;
  readonly last_seen_time: number;
  readonly product: OcsfProduct;
  /** Inspector2: the finding ARN and its last update. */
  readonly uid_alt?: string;
  readonly modified_time?: number;
}

export interface OcsfRemediation {
  readonly desc: string;
  readonly references?: readonly string[];
}

export interface OcsfCheck {
  readonly uid: string;
  readonly name: string;
  readonly severity_id: OcsfSeverityId;
  readonly severity: string;
  readonly status_id: OcsfComplianceStatusId;
  readonly status: string;
  readonly standards: readonly string[];
}

export interface OcsfCompliance {
  /** The check id. */
  readonly control: string;
  /** Framework ids, e.g. `cis-aws-foundations-v7.0.0`. */
  readonly standards: readonly string[];
  /** `<framework id> <requirement id>`, e.g. `cis-aws-foundations-v7.0.0 2.5`. */
  readonly requirements: readonly string[];
  readonly status_id: OcsfComplianceStatusId;
  readonly status: string;
  /** ERROR: the result's error code. */
  readonly status_code?: string;
  /** MANUAL: `["manual"]`. */
  readonly status_details?: readonly string[];
  readonly checks: readonly [OcsfCheck];
}

export interface OcsfCvss {
  readonly version: string;
  readonly base_score: number;
  readonly vector_string?: string;
}

export interface OcsfAffectedPackage {
  readonly name: string;
  readonly version: string;
  readonly fixed_in_version?: string;
  readonly package_manager?: string;
}

export interface OcsfVulnerability {
  /** Exactly one of `cve`, `advisory`, `cwe` is set (an OCSF constraint). */
  readonly cve?: { readonly uid: string; readonly cvss?: readonly OcsfCvss[] };
  readonly advisory?: { readonly uid: string };
  readonly cwe?: { readonly uid: string };
  readonly title: string;
  readonly desc?: string;
  readonly severity: string;
  readonly vendor_name: 'Amazon Inspector';
  readonly first_seen_time: number;
  readonly last_seen_time: number;
  readonly affected_packages?: readonly OcsfAffectedPackage[];
  readonly is_fix_available?: boolean;
  /** 1 Complete, 2 Partial, 3 None. */
  readonly fix_coverage_id?: 1 | 2 | 3;
  readonly fix_coverage?: string;
  readonly is_exploit_available?: boolean;
  readonly exploit_last_seen_time?: number;
  readonly references?: readonly string[];
  readonly remediation?: OcsfRemediation;
}

/** What the observation's lifecycle decides (see mapping/lifecycle.ts). */
export interface OcsfLifecycleFields {
  readonly activity_id: OcsfActivityId;
  readonly activity_name: string;
  readonly type_uid: number;
  readonly type_name: string;
  readonly status_id: OcsfFindingStatusId;
  readonly status: string;
  /** Suppressed: the suppression rule id, or `inspector2`. */
  readonly status_detail?: string;
  readonly time: number;
}

interface OcsfFindingBase extends OcsfLifecycleFields {
  readonly category_uid: 2;
  readonly category_name: 'Findings';
  readonly severity_id: OcsfSeverityId;
  readonly severity: string;
  readonly metadata: OcsfMetadata;
  readonly cloud: OcsfCloud;
  readonly finding_info: OcsfFindingInfo;
  readonly resources: readonly [OcsfResource];
  /** Palisade's own fields: `job_id`, a check result's `evidence`, Inspector2's `inspector_score`. */
  readonly unmapped: Readonly<Record<string, unknown>>;
}

export interface OcsfComplianceFinding extends OcsfFindingBase {
  readonly class_uid: 2003;
  readonly class_name: 'Compliance Finding';
  readonly compliance: OcsfCompliance;
  readonly remediation?: OcsfRemediation;
}

export interface OcsfVulnerabilityFinding extends OcsfFindingBase {
  readonly class_uid: 2002;
  readonly class_name: 'Vulnerability Finding';
  /** Empty for an Inspector2 finding without vulnerability details (network reachability). */
  readonly vulnerabilities: readonly OcsfVulnerability[];
}

export type OcsfFinding = OcsfComplianceFinding | OcsfVulnerabilityFinding;
