import { ALL_CHECKS, type CheckMetadata } from '@palisade/checks';
import { type CheckResult, type InspectorFinding } from '@palisade/contracts';
import {
  type FindingContext,
  type LifecycleFields,
  mapCheckResult,
  mapInspectorFinding,
} from '@palisade/findings';
import {
  ASFF_LIMITS,
  ASFF_SCHEMA_VERSION,
  BEST_PRACTICES_TYPE,
  CIS_TYPE,
  toAsffFinding,
  truncate,
} from './asff';
import { type DocumentFindingRow } from './export-row';

const ACCOUNT = '111122223333';
const T0 = new Date('2030-03-01T10:00:00.000Z');
const T1 = new Date('2030-03-02T10:00:00.000Z');
const UPDATED = new Date('2030-03-02T10:00:05.000Z');

function ctx(partition = 'aws'): FindingContext {
  return {
    tenantId: '0b6f1a52-6a8e-4f43-9d8e-2f4b0c2d9a11',
    scanId: '6f3c2b1a-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
    jobId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    partition,
    accountId: ACCOUNT,
    productVersion: '0.1.0',
  };
}

function metadata(id: string): CheckMetadata {
  const check = ALL_CHECKS.find((c) => c.metadata.id === id);
  if (check === undefined) throw new Error(`no check ${id}`);
  return check.metadata;
}

const lifecycle: LifecycleFields = {
  status: 'in_progress',
  suppressedBy: null,
  sourceSuppressed: false,
  firstSeenAt: T0,
  lastSeenAt: T1,
  resolvedAt: null,
};

function checkRow(
  result: Partial<CheckResult> = {},
  row: Partial<DocumentFindingRow> = {},
  partition = 'aws',
): DocumentFindingRow {
  const r: CheckResult = {
    checkId: 'iam_root_mfa_enabled',
    status: 'FAIL',
    region: 'global',
    resourceUid: `arn:${partition}:iam::${ACCOUNT}:account`,
    resourceType: 'AwsAccount',
    message: `The root user has no MFA device in account ${ACCOUNT}.`,
    ...result,
  };
  const check = metadata(r.checkId);
  return {
    uid: 'c'.repeat(64),
    kind: 'check',
    accountId: ACCOUNT,
    region: r.region,
    checkId: r.checkId,
    resourceUid: r.resourceUid,
    resourceType: r.resourceType,
    title: check.title,
    severity: check.severity,
    status: 'in_progress',
    compliance: r.status,
    errorCode: r.errorCode ?? null,
    suppressedBy: null,
    sourceSuppressed: false,
    firstSeenAt: T0,
    lastSeenAt: T1,
    resolvedAt: null,
    updatedAt: UPDATED,
    scanId: ctx().scanId,
    ocsf: mapCheckResult(r, check, ctx(partition), 'c'.repeat(64), lifecycle),
    ...row,
  };
}

function inspectorRow(
  finding: Partial<InspectorFinding> = {},
  row: Partial<DocumentFindingRow> = {},
): DocumentFindingRow {
  const f: InspectorFinding = {
    findingArn: `arn:aws:inspector2:eu-west-1:${ACCOUNT}:finding/0123456789abcdef`,
    region: 'eu-west-1',
    status: 'ACTIVE',
    severity: 'HIGH',
    type: 'PACKAGE_VULNERABILITY',
    title: 'CVE-2030-12345 - openssl',
    description: 'A buffer overflow in openssl allows remote code execution.',
    firstObservedAt: T0.toISOString(),
    lastObservedAt: T1.toISOString(),
    updatedAt: T1.toISOString(),
    resource: { type: 'AWS_EC2_INSTANCE', id: 'i-0abc1234def567890', region: 'eu-west-1' },
    vulnerability: {
      id: 'CVE-2030-12345',
      cvss: [
        { version: '3.1', baseScore: 8.1, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      ],
      packages: [
        { name: 'openssl', version: '1.0.2k', fixedInVersion: '1.0.2k-24', packageManager: 'OS' },
      ],
      fixAvailable: 'YES',
      exploitAvailable: 'NO',
      referenceUrls: ['https://nvd.nist.gov/vuln/detail/CVE-2030-12345'],
      remediation: 'Update openssl to 1.0.2k-24 or later.',
    },
    ...finding,
  };
  return {
    uid: 'd'.repeat(64),
    kind: 'inspector',
    accountId: ACCOUNT,
    region: f.region,
    checkId: null,
    resourceUid: f.resource.id,
    resourceType: f.resource.type,
    title: f.title,
    severity: 'high',
    status: 'new',
    compliance: null,
    errorCode: null,
    suppressedBy: null,
    sourceSuppressed: false,
    firstSeenAt: T0,
    lastSeenAt: T1,
    resolvedAt: null,
    updatedAt: UPDATED,
    scanId: ctx().scanId,
    ocsf: mapInspectorFinding(f, ctx(), 'd'.repeat(64), { ...lifecycle, status: 'new' }),
    ...row,
  };
}

describe('toAsffFinding', () => {
  it('should map a failing CIS check with the fields BatchImportFindings requires', () => {
    const finding = toAsffFinding(checkRow());
    expect(finding).toMatchObject({
      SchemaVersion: ASFF_SCHEMA_VERSION,
      Id: 'c'.repeat(64),
      ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`,
      GeneratorId: 'palisade/iam_root_mfa_enabled',
      AwsAccountId: ACCOUNT,
      CreatedAt: T0.toISOString(),
      UpdatedAt: UPDATED.toISOString(),
      FirstObservedAt: T0.toISOString(),
      LastObservedAt: T1.toISOString(),
      Severity: { Label: 'CRITICAL', Original: 'Critical' },
      Title: metadata('iam_root_mfa_enabled').title,
      Description: `The root user has no MFA device in account ${ACCOUNT}.`,
      Resources: [{ Type: 'AwsAccount', Id: `arn:aws:iam::${ACCOUNT}:account`, Partition: 'aws' }],
      Workflow: { Status: 'NEW' },
      RecordState: 'ACTIVE',
      Remediation: {
        Recommendation: { Url: metadata('iam_root_mfa_enabled').remediation.url },
      },
    });
    expect(finding.Types).toContain(CIS_TYPE);
    expect(finding.Compliance?.Status).toBe('FAILED');
    expect(finding.Compliance?.RelatedRequirements).toContain('cis-aws-foundations-v7.0.0 2.5');
    expect(finding.Resources?.[0]?.Region).toBeUndefined();
    expect(finding.ProductFields).toMatchObject({
      ProviderName: 'Palisade',
      'palisade/FindingUid': 'c'.repeat(64),
      'palisade/CheckId': 'iam_root_mfa_enabled',
      'palisade/Status': 'in_progress',
    });
  });

  it.each([
    ['PASS', 'compliant', 'PASSED', 'RESOLVED', 'ACTIVE'],
    ['PASS', 'resolved', 'PASSED', 'RESOLVED', 'ARCHIVED'],
    ['FAIL', 'new', 'FAILED', 'NEW', 'ACTIVE'],
    ['MANUAL', 'manual', 'WARNING', 'NEW', 'ACTIVE'],
  ] as const)(
    'should map a %s result with status %s to Compliance %s, Workflow %s, %s',
    (result, status, compliance, workflow, record) => {
      const finding = toAsffFinding(
        checkRow({ status: result }, { status, resolvedAt: status === 'resolved' ? T1 : null }),
      );
      expect(finding.Compliance?.Status).toBe(compliance);
      expect(finding.Workflow?.Status).toBe(workflow);
      expect(finding.RecordState).toBe(record);
    },
  );

  it('should say why an ERROR result could not be evaluated', () => {
    const finding = toAsffFinding(
      checkRow({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }, { status: 'error' }),
    );
    expect(finding.Compliance).toMatchObject({
      Status: 'NOT_AVAILABLE',
      StatusReasons: [{ ReasonCode: 'ACCESS_DENIED' }],
    });
    expect(finding.ProductFields?.['palisade/ErrorCode']).toBe('ACCESS_DENIED');
  });

  it('should mark a suppressed finding SUPPRESSED with the rule that suppresses it', () => {
    const ruleId = '5b0c7c9e-2f0a-4a53-9a3e-0c1f8f6d2b41';
    const finding = toAsffFinding(checkRow({}, { suppressedBy: ruleId }));
    expect(finding.Workflow?.Status).toBe('SUPPRESSED');
    expect(finding.ProductFields?.['palisade/SuppressedBy']).toBe(ruleId);
  });

  it('should put a regional check in its region and type it as a best practice outside CIS', () => {
    const coverageOnly = ALL_CHECKS.find(
      (c) => !Object.keys(c.metadata.compliance).some((f) => f.startsWith('cis-aws-foundations')),
    );
    if (coverageOnly === undefined) throw new Error('every check is in CIS');
    const finding = toAsffFinding(
      checkRow({
        checkId: coverageOnly.metadata.id,
        region: 'eu-west-1',
        resourceUid: 'arn:aws:sqs:eu-west-1:111122223333:q',
        resourceType: coverageOnly.metadata.resourceType,
      }),
    );
    expect(finding.Types).toEqual([BEST_PRACTICES_TYPE]);
    expect(finding.ProductArn).toBe(
      `arn:aws:securityhub:eu-west-1:${ACCOUNT}:product/${ACCOUNT}/default`,
    );
    expect(finding.Resources?.[0]?.Region).toBe('eu-west-1');
  });

  it('should take the partition from the document and its home region for global findings', () => {
    const finding = toAsffFinding(checkRow({}, {}, 'aws-us-gov'));
    expect(finding.ProductArn).toBe(
      `arn:aws-us-gov:securityhub:us-gov-west-1:${ACCOUNT}:product/${ACCOUNT}/default`,
    );
    expect(finding.Resources?.[0]?.Partition).toBe('aws-us-gov');
  });

  it('should use the importing account and region when asked', () => {
    const finding = toAsffFinding(checkRow(), {
      productAccountId: '999988887777',
      productRegion: 'eu-central-1',
    });
    expect(finding.ProductArn).toBe(
      'arn:aws:securityhub:eu-central-1:999988887777:product/999988887777/default',
    );
    expect(finding.AwsAccountId).toBe(ACCOUNT);
  });

  it('should map an Inspector package vulnerability as a CVE on the instance ARN', () => {
    const finding = toAsffFinding(inspectorRow());
    expect(finding).toMatchObject({
      GeneratorId: 'palisade/inspector2/PACKAGE_VULNERABILITY',
      Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
      Severity: { Label: 'HIGH', Original: 'High' },
      Title: 'CVE-2030-12345 - openssl',
      Resources: [
        {
          Type: 'AwsEc2Instance',
          Id: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc1234def567890`,
          Region: 'eu-west-1',
          Partition: 'aws',
        },
      ],
      Remediation: { Recommendation: { Text: 'Update openssl to 1.0.2k-24 or later.' } },
      Vulnerabilities: [
        {
          Id: 'CVE-2030-12345',
          Cvss: [
            {
              Version: '3.1',
              BaseScore: 8.1,
              BaseVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
            },
          ],
          VulnerablePackages: [
            {
              Name: 'openssl',
              Version: '1.0.2k',
              FixedInVersion: '1.0.2k-24',
              PackageManager: 'OS',
            },
          ],
          FixAvailable: 'YES',
          ExploitAvailable: 'NO',
        },
      ],
      Workflow: { Status: 'NEW' },
    });
    expect(finding.Compliance).toBeUndefined();
    expect(finding.ProductFields?.['palisade/InspectorFindingArn']).toMatch(/^arn:aws:inspector2:/);
  });

  it('should map an untriaged Inspector finding without details to INFORMATIONAL, archived once closed', () => {
    const finding = toAsffFinding(
      inspectorRow(
        {
          type: 'NETWORK_REACHABILITY',
          severity: 'UNTRIAGED',
          title: '',
          description: '',
          vulnerability: undefined,
          resource: { type: 'AWS_ECR_REPOSITORY', id: 'arn:aws:ecr:eu-west-1:1:repository/r' },
        },
        { severity: 'unknown', status: 'resolved', resolvedAt: T1, title: 'NETWORK_REACHABILITY' },
      ),
    );
    expect(finding.Severity).toEqual({ Label: 'INFORMATIONAL', Original: 'Unknown' });
    expect(finding.Types).toEqual([`${BEST_PRACTICES_TYPE}/Network Reachability`]);
    expect(finding.Title).toBe('NETWORK_REACHABILITY');
    expect(finding.Description).toBe('NETWORK_REACHABILITY');
    expect(finding.Resources?.[0]?.Type).toBe('AwsEcrRepository');
    expect(finding.Vulnerabilities).toBeUndefined();
    expect(finding.RecordState).toBe('ARCHIVED');
    expect(finding.Workflow?.Status).toBe('RESOLVED');
  });

  it('should cut the title, description and remediation to Security Hub limits', () => {
    const long = 'x'.repeat(5_000);
    const row = checkRow({ message: long });
    const finding = toAsffFinding({
      ...row,
      ocsf: {
        ...row.ocsf,
        finding_info: { ...row.ocsf.finding_info, title: long },
        remediation: { desc: long, references: ['https://example.com'] },
      } as DocumentFindingRow['ocsf'],
    });
    expect(finding.Title).toHaveLength(ASFF_LIMITS.title);
    expect(finding.Title?.endsWith('…')).toBe(true);
    expect(finding.Description).toHaveLength(ASFF_LIMITS.description);
    expect(finding.Remediation?.Recommendation?.Text).toHaveLength(ASFF_LIMITS.recommendationText);
  });
});

describe('truncate', () => {
  it('should keep short text and never split a surrogate pair', () => {
    expect(truncate('short', 10)).toBe('short');
    const emoji = '😀'.repeat(10);
    const cut = truncate(emoji, 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('😀😀…');
    expect(truncate('a😀b', 3)).toBe('a…');
  });
});
