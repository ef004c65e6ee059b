import { ALL_CHECKS, type CheckMetadata, SEVERITIES } from '@palisade/checks';
import { type CheckResult } from '@palisade/contracts';
import { ocsfFindingErrors } from '../ocsf/test/ocsf-validator';
import { type OcsfComplianceFinding } from '../ocsf/types';
import { mapCheckResult } from './check-result';
import { type FindingContext, type LifecycleFields } from './context';
import {
  ACCOUNT,
  CONTACTS,
  ctx,
  imdsResult,
  IMDSV2,
  lifecycle,
  ROOT_MFA,
  rootMfaResult,
  T0,
  T1,
  T2,
} from './test/fixtures';

const UID = 'a'.repeat(64);

/** Maps and checks the document against the compiled OCSF schema: every output must be valid. */
function map(
  result: CheckResult,
  check: CheckMetadata | undefined,
  row: LifecycleFields,
  context: FindingContext = ctx,
): OcsfComplianceFinding {
  const doc = mapCheckResult(result, check, context, UID, row);
  expect(ocsfFindingErrors(doc)).toEqual([]);
  return doc;
}

describe('mapCheckResult', () => {
  it('maps a failing result to a Compliance Finding with its check, resource and cloud', () => {
    const doc = map(imdsResult(), IMDSV2, lifecycle());

    expect(doc).toMatchObject({
      class_uid: 2003,
      class_name: 'Compliance Finding',
      category_uid: 2,
      category_name: 'Findings',
      severity_id: 4,
      severity: 'High',
      time: T0.getTime(),
      metadata: {
        version: '1.8.0',
        product: { name: 'Palisade', vendor_name: 'Palisade', version: '0.1.0' },
        profiles: ['cloud'],
        tenant_uid: ctx.tenantId,
        correlation_uid: ctx.scanId,
      },
      cloud: {
        provider: 'AWS',
        cloud_partition: 'aws',
        region: 'eu-west-1',
        account: { uid: ACCOUNT, name: 'production', type: 'AWS Account', type_id: 10 },
        org: { uid: 'o-a1b2c3d4e5', ou_uid: 'ou-ab12-cdef3456', ou_name: 'Workloads' },
      },
      finding_info: {
        uid: UID,
        title: IMDSV2.title,
        desc: 'Instance i-0abc1234def567890 allows IMDSv1.',
        types: IMDSV2.categories,
        first_seen_time: T0.getTime(),
        last_seen_time: T0.getTime(),
      },
      resources: [
        {
          uid: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc1234def567890`,
          type: 'AwsEc2Instance',
          region: 'eu-west-1',
          cloud_partition: 'aws',
          provider: 'AWS',
        },
      ],
      compliance: {
        control: 'ec2_instance_imdsv2_required',
        standards: Object.keys(IMDSV2.compliance),
        status_id: 3,
        status: 'Fail',
        checks: [{ uid: 'ec2_instance_imdsv2_required', name: IMDSV2.title, severity_id: 4 }],
      },
      remediation: { desc: IMDSV2.remediation.text, references: [IMDSV2.remediation.url] },
      unmapped: { job_id: ctx.jobId, evidence: { httpTokens: 'optional' } },
    });
  });

  it('names each requirement with its framework', () => {
    const doc = map(rootMfaResult(), ROOT_MFA, lifecycle());

    expect(doc.compliance.standards).toEqual(['cis-aws-foundations-v7.0.0']);
    expect(doc.compliance.requirements).toEqual(['cis-aws-foundations-v7.0.0 2.5']);
  });

  // The architecture's status table, row by row.
  describe('status table', () => {
    it('PASS never failing: compliance 1 Pass, finding 99 Other "Compliant", created', () => {
      const doc = map(imdsResult({ status: 'PASS' }), IMDSV2, lifecycle({ status: 'compliant' }));

      expect(doc.compliance).toMatchObject({ status_id: 1, status: 'Pass' });
      expect(doc).toMatchObject({
        status_id: 99,
        status: 'Compliant',
        activity_id: 1,
        activity_name: 'Create',
        type_uid: 200301,
        type_name: 'Compliance Finding: Create',
      });
    });

    it('PASS on a failing finding: finding 4 Resolved, activity 3 Close at the resolution', () => {
      const row = lifecycle({ status: 'resolved', lastSeenAt: T2, resolvedAt: T2 });
      const doc = map(imdsResult({ status: 'PASS' }), IMDSV2, row);

      expect(doc.compliance).toMatchObject({ status_id: 1, status: 'Pass' });
      expect(doc).toMatchObject({
        status_id: 4,
        status: 'Resolved',
        activity_id: 3,
        activity_name: 'Close',
        type_uid: 200303,
        time: T2.getTime(),
      });
    });

    it('FAIL first seen: finding 1 New, activity 1 Create', () => {
      const doc = map(imdsResult(), IMDSV2, lifecycle({ status: 'new' }));

      expect(doc.compliance).toMatchObject({ status_id: 3, status: 'Fail' });
      expect(doc).toMatchObject({ status_id: 1, status: 'New', activity_id: 1, type_uid: 200301 });
      expect(doc.status_detail).toBeUndefined();
    });

    it('FAIL persisting: finding 2 In Progress, activity 2 Update at the last observation', () => {
      const row = lifecycle({ status: 'in_progress', lastSeenAt: T1 });
      const doc = map(imdsResult(), IMDSV2, row);

      expect(doc).toMatchObject({
        status_id: 2,
        status: 'In Progress',
        activity_id: 2,
        activity_name: 'Update',
        type_uid: 200302,
        time: T1.getTime(),
        finding_info: { first_seen_time: T0.getTime(), last_seen_time: T1.getTime() },
      });
    });

    it('FAIL reopened: back to 1 New, as an Update of the existing finding', () => {
      const row = lifecycle({ status: 'new', firstSeenAt: T0, lastSeenAt: T2 });
      const doc = map(imdsResult(), IMDSV2, row);

      expect(doc).toMatchObject({ status_id: 1, status: 'New', activity_id: 2, type_uid: 200302 });
    });

    it('MANUAL: compliance 99 Other "Manual" with detail "manual", finding 1 New, evidence kept', () => {
      const evidence = { alternateContacts: ['SECURITY'], reviewed: false };
      const result = rootMfaResult({
        checkId: 'account_contact_details_current',
        status: 'MANUAL',
        message: 'Confirm the contact details are current.',
        evidence,
      });
      const doc = map(result, CONTACTS, lifecycle({ status: 'manual' }));

      expect(doc.compliance).toMatchObject({
        status_id: 99,
        status: 'Manual',
        status_details: ['manual'],
      });
      expect(doc).toMatchObject({ status_id: 1, status: 'New' });
      expect(doc.unmapped).toEqual({ job_id: ctx.jobId, evidence });
    });

    it('ERROR only ever seen: compliance 0 Unknown with the error code, finding 99 "Error"', () => {
      const result = imdsResult({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        message: 'ec2:DescribeInstances was denied.',
        evidence: undefined,
      });
      const doc = map(result, IMDSV2, lifecycle({ status: 'error' }));

      expect(doc.compliance).toMatchObject({
        status_id: 0,
        status: 'Unknown',
        status_code: 'ACCESS_DENIED',
      });
      expect(doc).toMatchObject({ status_id: 99, status: 'Error' });
    });

    it('ERROR on a failing finding leaves its status as the row has it', () => {
      const result = imdsResult({ status: 'ERROR', errorCode: 'THROTTLED', evidence: undefined });
      const doc = map(result, IMDSV2, lifecycle({ status: 'in_progress', lastSeenAt: T1 }));

      expect(doc.compliance).toMatchObject({ status_id: 0, status_code: 'THROTTLED' });
      expect(doc).toMatchObject({ status_id: 2, status: 'In Progress' });
    });

    it('suppressed by a rule: 3 Suppressed with the rule id, compliance unchanged', () => {
      const rule = 'c2a7f0de-5d6b-4b0e-9b1a-6f8d3e2c1b0a';
      const doc = map(
        imdsResult(),
        IMDSV2,
        lifecycle({ status: 'in_progress', suppressedBy: rule }),
      );

      expect(doc).toMatchObject({ status_id: 3, status: 'Suppressed', status_detail: rule });
      expect(doc.compliance).toMatchObject({ status_id: 3, status: 'Fail' });
    });
  });

  it.each(SEVERITIES.map((s, i) => [s, i + 1] as const))(
    'maps check severity %s to severity_id %d',
    (severity, id) => {
      const doc = map(imdsResult(), { ...IMDSV2, severity }, lifecycle());

      expect(doc.severity_id).toBe(id);
      expect(doc.compliance.checks[0].severity_id).toBe(id);
    },
  );

  it('maps a result of an unknown check with severity 0 Unknown and its id as title', () => {
    const result = imdsResult({ checkId: 'newservice_feature_enabled' });
    const doc = map(result, undefined, lifecycle());

    expect(doc).toMatchObject({
      severity_id: 0,
      severity: 'Unknown',
      finding_info: { title: 'newservice_feature_enabled' },
      compliance: { control: 'newservice_feature_enabled', standards: [], requirements: [] },
    });
    expect(doc.remediation).toBeUndefined();
    expect(doc.finding_info.types).toBeUndefined();
  });

  it('leaves the region out for a global result: `global` is no cloud region', () => {
    const doc = map(rootMfaResult(), ROOT_MFA, lifecycle());
    const stored = JSON.parse(JSON.stringify(doc)) as OcsfComplianceFinding;

    expect(stored.cloud).not.toHaveProperty('region');
    expect(stored.resources[0]).not.toHaveProperty('region');
    expect(stored.resources[0].uid).toBe(`arn:aws:iam::${ACCOUNT}:account`);
  });

  it('keeps the partition of an aws-us-gov account in the resource and the cloud', () => {
    const govCtx: FindingContext = { ...ctx, partition: 'aws-us-gov' };
    const resourceUid = `arn:aws-us-gov:ec2:us-gov-west-1:${ACCOUNT}:instance/i-0abc1234def567890`;
    const result = imdsResult({ region: 'us-gov-west-1', resourceUid });
    const doc = map(result, IMDSV2, lifecycle(), govCtx);

    expect(doc.cloud).toMatchObject({ cloud_partition: 'aws-us-gov', region: 'us-gov-west-1' });
    expect(doc.resources[0]).toMatchObject({ uid: resourceUid, cloud_partition: 'aws-us-gov' });
  });

  it('names the organization only when its id is known', () => {
    const withoutOrg = map(imdsResult(), IMDSV2, lifecycle(), { ...ctx, org: undefined });
    const ouOnly = map(imdsResult(), IMDSV2, lifecycle(), { ...ctx, org: { ouUid: 'ou-x' } });

    expect(withoutOrg.cloud.org).toBeUndefined();
    expect(ouOnly.cloud.org).toBeUndefined();
  });

  it('maps a result of every registered check to a valid document', () => {
    const docs = ALL_CHECKS.map(({ metadata }) =>
      map(imdsResult({ checkId: metadata.id }), metadata, lifecycle()),
    );

    expect(docs.map((d) => d.compliance.control)).toEqual(ALL_CHECKS.map((c) => c.metadata.id));
    expect(docs.every((d) => d.severity_id > 0 && d.remediation !== undefined)).toBe(true);
  });
});
