import { type InspectorFinding } from '@palisade/contracts';
import { ocsfFindingErrors } from '../ocsf/test/ocsf-validator';
import { type OcsfVulnerabilityFinding } from '../ocsf/types';
import { type FindingContext, type LifecycleFields } from './context';
import { mapInspectorFinding } from './inspector-finding';
import {
  ACCOUNT,
  ctx,
  lifecycle,
  packageFinding,
  reachabilityFinding,
  T0,
  T1,
  T2,
} from './test/fixtures';

const UID = 'b'.repeat(64);

/** Maps and checks the document against the compiled OCSF schema: every output must be valid. */
function map(
  finding: InspectorFinding,
  row: LifecycleFields = lifecycle(),
  context: FindingContext = ctx,
): OcsfVulnerabilityFinding {
  const doc = mapInspectorFinding(finding, context, UID, row);
  expect(ocsfFindingErrors(doc)).toEqual([]);
  return doc;
}

describe('mapInspectorFinding', () => {
  it('maps a package vulnerability to a Vulnerability Finding with its CVE, CVSS and packages', () => {
    const finding = packageFinding();
    const doc = map(finding);

    expect(doc).toMatchObject({
      class_uid: 2002,
      class_name: 'Vulnerability Finding',
      category_uid: 2,
      activity_id: 1,
      type_uid: 200201,
      severity_id: 4,
      severity: 'High',
      status_id: 1,
      status: 'New',
      time: T0.getTime(),
      metadata: {
        version: '1.8.0',
        product: { name: 'Palisade', vendor_name: 'Palisade' },
        tenant_uid: ctx.tenantId,
        original_event_uid: finding.findingArn,
        original_time: '2030-03-01T09:30:00.000Z',
      },
      cloud: { provider: 'AWS', region: 'eu-west-1', account: { uid: ACCOUNT } },
      finding_info: {
        uid: UID,
        uid_alt: finding.findingArn,
        title: 'CVE-2030-12345 - openssl',
        desc: 'A buffer overflow in openssl allows remote code execution.',
        types: ['PACKAGE_VULNERABILITY'],
        product: { name: 'Amazon Inspector', vendor_name: 'AWS' },
        modified_time: Date.parse('2030-03-01T09:30:00.000Z'),
      },
      resources: [
        {
          uid: 'i-0abc1234def567890',
          type: 'AWS_EC2_INSTANCE',
          region: 'eu-west-1',
          data: { awsEc2Instance: { platform: 'AMAZON_LINUX_2' } },
        },
      ],
      vulnerabilities: [
        {
          cve: {
            uid: 'CVE-2030-12345',
            cvss: [
              {
                version: '3.1',
                base_score: 8.1,
                vector_string: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
              },
              { version: '2.0', base_score: 6.8 },
            ],
          },
          title: 'CVE-2030-12345 - openssl',
          severity: 'High',
          vendor_name: 'Amazon Inspector',
          affected_packages: [
            {
              name: 'openssl',
              version: '1.0.2k',
              fixed_in_version: '1.0.2k-24',
              package_manager: 'OS',
            },
          ],
          is_fix_available: true,
          fix_coverage_id: 1,
          fix_coverage: 'Complete',
          is_exploit_available: true,
          exploit_last_seen_time: Date.parse('2030-02-25T00:00:00.000Z'),
          references: ['https://nvd.nist.gov/vuln/detail/CVE-2030-12345'],
          first_seen_time: Date.parse('2030-02-20T08:00:00.000Z'),
          last_seen_time: Date.parse('2030-03-01T09:00:00.000Z'),
          remediation: { desc: 'Update openssl to 1.0.2k-24 or later.' },
        },
      ],
      unmapped: { job_id: ctx.jobId, inspector_score: 8.1 },
    });
  });

  it('maps a finding without vulnerability details with no vulnerabilities', () => {
    const doc = map(reachabilityFinding());

    expect(doc.vulnerabilities).toEqual([]);
    expect(doc).toMatchObject({
      severity_id: 3,
      finding_info: { types: ['NETWORK_REACHABILITY'] },
    });
  });

  it.each([
    ['INFORMATIONAL', 1, 'Informational'],
    ['LOW', 2, 'Low'],
    ['MEDIUM', 3, 'Medium'],
    ['HIGH', 4, 'High'],
    ['CRITICAL', 5, 'Critical'],
    ['UNTRIAGED', 0, 'Unknown'],
  ] as const)('maps severity %s to severity_id %d', (severity, id, caption) => {
    const doc = map(packageFinding({ severity }));

    expect(doc).toMatchObject({ severity_id: id, severity: caption });
    expect(doc.vulnerabilities[0]?.severity).toBe(caption);
  });

  it('names a vendor advisory as an advisory and a single CWE as a CWE, never a CVE', () => {
    const base = packageFinding().vulnerability;
    if (base === undefined) throw new Error('fixture without vulnerability');
    const advisory = map(packageFinding({ vulnerability: { ...base, id: 'GHSA-abcd-efgh-ijkl' } }));
    const cwe = map(packageFinding({ vulnerability: { ...base, id: 'CWE-89' } }));

    expect(advisory.vulnerabilities[0]).toMatchObject({ advisory: { uid: 'GHSA-abcd-efgh-ijkl' } });
    expect(JSON.parse(JSON.stringify(advisory.vulnerabilities[0]))).not.toHaveProperty('cve');
    expect(cwe.vulnerabilities[0]).toMatchObject({ cwe: { uid: 'CWE-89' } });
  });

  it('maps partial and missing fixes', () => {
    const base = packageFinding().vulnerability;
    if (base === undefined) throw new Error('fixture without vulnerability');
    const partial = map(packageFinding({ vulnerability: { ...base, fixAvailable: 'PARTIAL' } }));
    const none = map(
      packageFinding({
        vulnerability: { ...base, fixAvailable: 'NO', exploitAvailable: 'NO', cvss: [] },
      }),
    );

    expect(partial.vulnerabilities[0]).toMatchObject({
      is_fix_available: true,
      fix_coverage_id: 2,
    });
    expect(none.vulnerabilities[0]).toMatchObject({
      is_fix_available: false,
      fix_coverage_id: 3,
      is_exploit_available: false,
    });
  });

  it('suppressed by Inspector2 itself: 3 Suppressed with detail "inspector2"', () => {
    const doc = map(
      packageFinding({ status: 'SUPPRESSED' }),
      lifecycle({ status: 'in_progress', sourceSuppressed: true, lastSeenAt: T1 }),
    );

    expect(doc).toMatchObject({
      status_id: 3,
      status: 'Suppressed',
      status_detail: 'inspector2',
      activity_id: 2,
    });
  });

  it('a rule suppression names the rule even when Inspector2 suppresses it too', () => {
    const rule = '5d1c9a0e-3b2f-4e6d-8a7c-1f0e9d8c7b6a';
    const row = lifecycle({ status: 'new', sourceSuppressed: true, suppressedBy: rule });

    expect(map(packageFinding(), row).status_detail).toBe(rule);
  });

  it('CLOSED by Inspector2: 4 Resolved, activity 3 Close', () => {
    const row = lifecycle({ status: 'resolved', lastSeenAt: T2, resolvedAt: T2 });
    const doc = map(packageFinding({ status: 'CLOSED' }), row);

    expect(doc).toMatchObject({ status_id: 4, activity_id: 3, type_uid: 200203 });
  });

  it('keeps an aws-us-gov finding ARN and partition', () => {
    const findingArn = `arn:aws-us-gov:inspector2:us-gov-west-1:${ACCOUNT}:finding/0123456789abcdef`;
    const finding = packageFinding({
      findingArn,
      region: 'us-gov-west-1',
      resource: {
        type: 'AWS_ECR_CONTAINER_IMAGE',
        id: `arn:aws-us-gov:ecr:us-gov-west-1:${ACCOUNT}:repository/app/sha256:abc`,
      },
    });
    const doc = map(finding, lifecycle(), { ...ctx, partition: 'aws-us-gov' });

    expect(doc.metadata.original_event_uid).toBe(findingArn);
    expect(doc.cloud).toMatchObject({ cloud_partition: 'aws-us-gov', region: 'us-gov-west-1' });
    expect(doc.resources[0]).toMatchObject({
      uid: `arn:aws-us-gov:ecr:us-gov-west-1:${ACCOUNT}:repository/app/sha256:abc`,
      cloud_partition: 'aws-us-gov',
      region: 'us-gov-west-1',
    });
  });

  it('names an untitled finding by its type', () => {
    const doc = map(packageFinding({ title: '', description: '' }));

    expect(doc.finding_info.title).toBe('PACKAGE_VULNERABILITY');
    expect(doc.vulnerabilities[0]?.title).toBe('PACKAGE_VULNERABILITY');
    expect(JSON.parse(JSON.stringify(doc.finding_info))).not.toHaveProperty('desc');
  });
});
