// A finding as an AWS Security Finding Format (ASFF) document, importable with Security Hub's
// BatchImportFindings as a custom integration (ProductArn `product/<account>/default`). The row's
// columns decide the lifecycle fields; the stored OCSF document gives the text, remediation,
// requirements and vulnerability details. Length limits of the API are applied here (the
// export's test validates the output against botocore's model and these limits).
import type {
  AwsSecurityFinding,
  Compliance,
  ComplianceStatus,
  Partition,
  Remediation,
  SeverityLabel,
  Vulnerability,
  VulnerabilityFixAvailable,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import {
  type FindingSeverity,
  type OcsfComplianceFinding,
  type OcsfVulnerabilityFinding,
} from '@palisade/findings';
import { type DocumentFindingRow, suppressedByOf } from './export-row';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** Security Hub's length limits (AwsSecurityFinding). */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendationText: 512,
  severityOriginal: 64,
  relatedRequirements: 32,
  productFieldValue: 2048,
  resourceType: 256,
} as const;

export const CIS_TYPE =
  'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';
export const BEST_PRACTICES_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';
const VULNERABILITY_TYPES: Readonly<Record<string, string>> = {
  PACKAGE_VULNERABILITY: 'Software and Configuration Checks/Vulnerabilities/CVE',
  CODE_VULNERABILITY: 'Software and Configuration Checks/Vulnerabilities/CWE',
  NETWORK_REACHABILITY: `${BEST_PRACTICES_TYPE}/Network Reachability`,
};
const OTHER_VULNERABILITY_TYPE = 'Software and Configuration Checks/Vulnerabilities';

type KnownPartition = Extract<Partition, 'aws' | 'aws-us-gov' | 'aws-cn'>;

/** Where Security Hub takes a finding of a global service (IAM) when no region is asked for. */
const HOME_REGIONS: Readonly<Record<KnownPartition, string>> = {
  aws: 'us-east-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-cn': 'cn-north-1',
};

/** UNTRIAGED Inspector findings (`unknown`) are INFORMATIONAL, as Security Hub's own integration has them. */
const SEVERITY_LABELS: Readonly<Record<FindingSeverity, SeverityLabel>> = {
  unknown: 'INFORMATIONAL',
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

const COMPLIANCE_STATUSES: Readonly<
  Record<NonNullable<DocumentFindingRow['compliance']>, ComplianceStatus>
> = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
};

/** Inspector2 resource types → ASFF resource types. */
const INSPECTOR_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  AWS_EC2_INSTANCE: 'AwsEc2Instance',
  AWS_ECR_CONTAINER_IMAGE: 'AwsEcrContainerImage',
  AWS_ECR_REPOSITORY: 'AwsEcrRepository',
  AWS_LAMBDA_FUNCTION: 'AwsLambdaFunction',
  CODE_REPOSITORY: 'CodeRepository',
};

const FIX_AVAILABLE: Readonly<Record<1 | 2 | 3, VulnerabilityFixAvailable>> = {
  1: 'YES',
  2: 'PARTIAL',
  3: 'NO',
};

export interface AsffOptions {
  /** The account importing the findings (ProductArn); default: the finding's account. */
  readonly productAccountId?: string;
  /** The Security Hub region (ProductArn); default: the finding's region, or the partition's home. */
  readonly productRegion?: string;
}

/**
 * `text` cut to `max` UTF-16 code units (so also at most `max` characters), ending in `…` when
 * cut, never splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The text, or `fallback` when it is missing or blank (ASFF refuses blank strings). */
function nonBlank(text: string | undefined | null, fallback: string): string {
  return text !== undefined && text !== null && /\S/.test(text) ? text : fallback;
}

function partitionOf(row: DocumentFindingRow): KnownPartition {
  const partition = row.ocsf.cloud?.cloud_partition;
  return partition === 'aws-us-gov' || partition === 'aws-cn' ? partition : 'aws';
}

function isCompliance(doc: DocumentFindingRow['ocsf']): doc is OcsfComplianceFinding {
  return doc.class_uid === 2003;
}

function isVulnerability(doc: DocumentFindingRow['ocsf']): doc is OcsfVulnerabilityFinding {
  return doc.class_uid === 2002;
}

function inspectorType(row: DocumentFindingRow): string | undefined {
  return row.ocsf.finding_info?.types?.[0];
}

function typesOf(row: DocumentFindingRow): string[] {
  if (row.kind === 'inspector') {
    const type = inspectorType(row);
    return [
      (type === undefined ? undefined : VULNERABILITY_TYPES[type]) ?? OTHER_VULNERABILITY_TYPE,
    ];
  }
  const standards = isCompliance(row.ocsf) ? row.ocsf.compliance.standards : [];
  const types: string[] = [];
  if (standards.some((s) => s.startsWith('cis-aws-foundations'))) types.push(CIS_TYPE);
  if (types.length === 0 || standards.some((s) => !s.startsWith('cis-aws-foundations'))) {
    types.push(BEST_PRACTICES_TYPE);
  }
  return types;
}

function generatorIdOf(row: DocumentFindingRow): string {
  if (row.checkId !== null) return `palisade/${row.checkId}`;
  return `palisade/inspector2/${nonBlank(inspectorType(row), 'finding')}`;
}

function resourceTypeOf(row: DocumentFindingRow): string {
  if (row.kind === 'inspector') return INSPECTOR_RESOURCE_TYPES[row.resourceType] ?? 'Other';
  return truncate(nonBlank(row.resourceType, 'Other'), ASFF_LIMITS.resourceType);
}

/** Inspector names an EC2 instance by its id; Security Hub wants its ARN. */
function resourceIdOf(row: DocumentFindingRow, partition: KnownPartition): string {
  if (row.resourceType === 'AWS_EC2_INSTANCE' && /^i-[0-9a-f]+$/.test(row.resourceUid)) {
    return `arn:${partition}:ec2:${row.region}:${row.accountId}:instance/${row.resourceUid}`;
  }
  return row.resourceUid;
}

function workflowOf(row: DocumentFindingRow): WorkflowStatus {
  if (suppressedByOf(row) !== null) return 'SUPPRESSED';
  return row.status === 'resolved' || row.status === 'compliant' ? 'RESOLVED' : 'NEW';
}

function complianceOf(row: DocumentFindingRow): Compliance | undefined {
  if (row.compliance === null) return undefined;
  const requirements = isCompliance(row.ocsf) ? row.ocsf.compliance.requirements : [];
  return {
    Status: COMPLIANCE_STATUSES[row.compliance],
    RelatedRequirements:
      requirements.length === 0
        ? undefined
        : requirements.slice(0, ASFF_LIMITS.relatedRequirements),
    StatusReasons:
      row.errorCode === null
        ? undefined
        : [{ ReasonCode: row.errorCode, Description: 'The check could not be evaluated' }],
  };
}

function remediationOf(row: DocumentFindingRow): Remediation | undefined {
  const doc = row.ocsf;
  const remediation = isCompliance(doc)
    ? doc.remediation
    : isVulnerability(doc)
      ? doc.vulnerabilities[0]?.remediation
      : undefined;
  if (remediation === undefined || !/\S/.test(remediation.desc)) return undefined;
  return {
    Recommendation: {
      Text: truncate(remediation.desc, ASFF_LIMITS.recommendationText),
      Url: remediation.references?.[0],
    },
  };
}

function vulnerabilitiesOf(row: DocumentFindingRow): Vulnerability[] | undefined {
  if (!isVulnerability(row.ocsf)) return undefined;
  const out: Vulnerability[] = [];
  for (const v of row.ocsf.vulnerabilities) {
    const id = v.cve?.uid ?? v.cwe?.uid ?? v.advisory?.uid;
    if (id === undefined) continue;
    out.push({
      Id: id,
      Cvss: v.cve?.cvss?.map((c) => ({
        Version: c.version,
        BaseScore: c.base_score,
        BaseVector: c.vector_string,
      })),
      VulnerablePackages: v.affected_packages?.map((p) => ({
        Name: p.name,
        Version: p.version === '' ? undefined : p.version,
        FixedInVersion: p.fixed_in_version,
        PackageManager: p.package_manager,
      })),
      ReferenceUrls: v.references === undefined ? undefined : [...v.references],
      FixAvailable: v.fix_coverage_id === undefined ? undefined : FIX_AVAILABLE[v.fix_coverage_id],
      ExploitAvailable:
        v.is_exploit_available === undefined ? undefined : v.is_exploit_available ? 'YES' : 'NO',
    });
  }
  return out.length === 0 ? undefined : out;
}

function productFieldsOf(row: DocumentFindingRow): Record<string, string> {
  const fields: Record<string, string | null | undefined> = {
    ProviderName: 'Palisade',
    ProviderVersion: row.ocsf.metadata?.product.version,
    'palisade/FindingUid': row.uid,
    'palisade/Kind': row.kind,
    'palisade/Status': row.status,
    'palisade/CheckId': row.checkId,
    'palisade/ScanId': row.scanId,
    'palisade/SuppressedBy': suppressedByOf(row),
    'palisade/ErrorCode': row.errorCode,
    'palisade/InspectorFindingArn':
      row.kind === 'inspector' ? row.ocsf.finding_info?.uid_alt : null,
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined && /\S/.test(value)) {
      out[key] = truncate(value, ASFF_LIMITS.productFieldValue);
    }
  }
  return out;
}

const latest = (...dates: (Date | null)[]): Date =>
  new Date(Math.max(...dates.map((d) => (d === null ? 0 : d.getTime()))));

/** One finding row as an ASFF finding. */
export function toAsffFinding(
  row: DocumentFindingRow,
  options: AsffOptions = {},
): AwsSecurityFinding {
  const partition = partitionOf(row);
  const productAccount = options.productAccountId ?? row.accountId;
  const productRegion =
    options.productRegion ?? (row.region === 'global' ? HOME_REGIONS[partition] : row.region);
  const title = nonBlank(row.ocsf.finding_info?.title ?? row.title, nonBlank(row.title, row.uid));
  const label = SEVERITY_LABELS[row.severity];
  const original = truncate(
    nonBlank(row.ocsf.severity, row.severity),
    ASFF_LIMITS.severityOriginal,
  );
  const types = typesOf(row);
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: row.uid,
    ProductArn: `arn:${partition}:securityhub:${productRegion}:${productAccount}:product/${productAccount}/default`,
    ProductName: 'Palisade',
    CompanyName: 'Palisade',
    GeneratorId: generatorIdOf(row),
    AwsAccountId: row.accountId,
    Types: types,
    FirstObservedAt: row.firstSeenAt.toISOString(),
    LastObservedAt: row.lastSeenAt.toISOString(),
    CreatedAt: row.firstSeenAt.toISOString(),
    UpdatedAt: latest(row.updatedAt, row.lastSeenAt, row.resolvedAt, row.firstSeenAt).toISOString(),
    Severity: { Label: label, Original: original },
    FindingProviderFields: { Severity: { Label: label, Original: original }, Types: types },
    Title: truncate(title, ASFF_LIMITS.title),
    Description: truncate(nonBlank(row.ocsf.finding_info?.desc, title), ASFF_LIMITS.description),
    Remediation: remediationOf(row),
    ProductFields: productFieldsOf(row),
    Resources: [
      {
        Type: resourceTypeOf(row),
        Id: resourceIdOf(row, partition),
        Partition: partition,
        Region: row.region === 'global' ? undefined : row.region,
      },
    ],
    Compliance: complianceOf(row),
    Workflow: { Status: workflowOf(row) },
    RecordState: row.status === 'resolved' ? 'ARCHIVED' : 'ACTIVE',
    Vulnerabilities: vulnerabilitiesOf(row),
  };
}
