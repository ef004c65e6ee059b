// Shared inputs of the mapping specs: a job's context, lifecycle rows and real check metadata.
import { ALL_CHECKS, type CheckMetadata } from '@palisade/checks';
import { type CheckResult, type InspectorFinding } from '@palisade/contracts';
import { type FindingContext, type LifecycleFields } from '../context';

export const ACCOUNT = '111122223333';

export const ctx: FindingContext = {
  tenantId: '0b6f1a52-6a8e-4f43-9d8e-2f4b0c2d9a11',
  scanId: '6f3c2b1a-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
  jobId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  partition: 'aws',
  accountId: ACCOUNT,
  accountName: 'production',
  org: { uid: 'o-a1b2c3d4e5', ouUid: 'ou-ab12-cdef3456', ouName: 'Workloads' },
  productVersion: '0.1.0',
};

export const T0 = new Date('2030-03-01T10:00:00.000Z');
export const T1 = new Date('2030-03-02T10:00:00.000Z');
export const T2 = new Date('2030-03-03T10:00:00.000Z');

/** A row seen once, at T0, with no suppression. */
export function lifecycle(overrides: Partial<LifecycleFields> = {}): LifecycleFields {
  return {
    status: 'new',
    suppressedBy: null,
    sourceSuppressed: false,
    firstSeenAt: T0,
    lastSeenAt: T0,
    resolvedAt: null,
    ...overrides,
  };
}

export function checkMetadata(id: string): CheckMetadata {
  const check = ALL_CHECKS.find((c) => c.metadata.id === id);
  if (check === undefined) throw new Error(`no check ${id}`);
  return check.metadata;
}

/** iam_root_mfa_enabled: critical, account scope (region `global`), CIS 2.5. */
export const ROOT_MFA = checkMetadata('iam_root_mfa_enabled');
/** ec2_instance_imdsv2_required: high, regional. */
export const IMDSV2 = checkMetadata('ec2_instance_imdsv2_required');
/** account_contact_details_current: a manual check. */
export const CONTACTS = checkMetadata('account_contact_details_current');

export function rootMfaResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 'iam_root_mfa_enabled',
    status: 'FAIL',
    region: 'global',
    resourceUid: `arn:aws:iam::${ACCOUNT}:account`,
    resourceType: 'AwsAccount',
    message: `The root user has no MFA device in account ${ACCOUNT}.`,
    ...overrides,
  };
}

export function imdsResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 'ec2_instance_imdsv2_required',
    status: 'FAIL',
    region: 'eu-west-1',
    resourceUid: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc1234def567890`,
    resourceType: 'AwsEc2Instance',
    message: 'Instance i-0abc1234def567890 allows IMDSv1.',
    evidence: { httpTokens: 'optional' },
    ...overrides,
  };
}

const FINDING_ARN = `arn:aws:inspector2:eu-west-1:${ACCOUNT}:finding/0123456789abcdef0123456789abcdef`;

/** A package vulnerability finding on an EC2 instance, as the collector maps it. */
export function packageFinding(overrides: Partial<InspectorFinding> = {}): InspectorFinding {
  return {
    findingArn: FINDING_ARN,
    region: 'eu-west-1',
    status: 'ACTIVE',
    severity: 'HIGH',
    type: 'PACKAGE_VULNERABILITY',
    title: 'CVE-2030-12345 - openssl',
    description: 'A buffer overflow in openssl allows remote code execution.',
    firstObservedAt: '2030-02-20T08:00:00.000Z',
    lastObservedAt: '2030-03-01T09:00:00.000Z',
    updatedAt: '2030-03-01T09:30:00.000Z',
    resource: {
      type: 'AWS_EC2_INSTANCE',
      id: 'i-0abc1234def567890',
      region: 'eu-west-1',
      details: { awsEc2Instance: { platform: 'AMAZON_LINUX_2', imageId: 'ami-0123456789abcdef0' } },
    },
    vulnerability: {
      id: 'CVE-2030-12345',
      cvss: [
        { version: '3.1', baseScore: 8.1, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        { version: '2.0', baseScore: 6.8 },
      ],
      packages: [
        {
          name: 'openssl',
          version: '1.0.2k',
          fixedInVersion: '1.0.2k-24',
          packageManager: 'OS',
        },
      ],
      fixAvailable: 'YES',
      exploitAvailable: 'YES',
      exploitLastSeenAt: '2030-02-25T00:00:00.000Z',
      referenceUrls: ['https://nvd.nist.gov/vuln/detail/CVE-2030-12345'],
      remediation: 'Update openssl to 1.0.2k-24 or later.',
    },
    inspectorScore: 8.1,
    ...overrides,
  };
}

/** A network reachability finding: no vulnerability details. */
export function reachabilityFinding(overrides: Partial<InspectorFinding> = {}): InspectorFinding {
  const {
    vulnerability: _none,
    inspectorScore: _score,
    ...finding
  } = packageFinding({
    severity: 'MEDIUM',
    type: 'NETWORK_REACHABILITY',
    title: 'Port 22 is reachable from an Internet Gateway',
    description: 'On the instance, port 22 is reachable from an Internet Gateway.',
  });
  return { ...finding, ...overrides };
}
