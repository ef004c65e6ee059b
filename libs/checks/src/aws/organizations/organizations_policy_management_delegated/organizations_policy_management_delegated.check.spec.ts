import { ok, failed } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import {
  MGMT,
  ORG_ARN as UID,
  SECURITY,
  itNeedsOrganizationContext,
  organization,
  runInOrganization,
} from '../test/organizations-fixtures';
import { organizationsPolicyManagementDelegated as check } from './organizations_policy_management_delegated.check';

const READ = [
  'organizations:DescribeOrganization',
  'organizations:ListPolicies',
  'organizations:DescribePolicy',
];

function policy(...statements: object[]) {
  return new SnapshotBuilder().setGlobal(
    'organizations.resourcePolicy',
    ok({
      id: 'rp-abcd1234',
      arn: `arn:aws:organizations::${MGMT}:resourcepolicy/o-aa111bb222/rp-abcd1234`,
      content: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
}

const run = (s: SnapshotBuilder) => runInOrganization(check, s, organization());

describe('organizations_policy_management_delegated', () => {
  it('should PASS when the policy lets a member account manage SCPs (the user guide’s example)', () => {
    const results = run(
      policy({
        Sid: 'Delegate',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${SECURITY}:root` },
        Action: [
          ...READ,
          'organizations:CreatePolicy',
          'organizations:UpdatePolicy',
          'organizations:AttachPolicy',
          'organizations:DetachPolicy',
        ],
        Resource: '*',
        Condition: {
          StringLikeIfExists: {
            'organizations:PolicyType': ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'],
          },
        },
      }),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'PASS', resourceUid: UID, region: 'global' }),
    ]);
    expect(results[0]?.message).toContain(`${SECURITY} (SERVICE_CONTROL_POLICY, TAG_POLICY)`);
    expect(results[0]?.evidence).toMatchObject({
      delegates: [
        {
          accountId: SECURITY,
          memberOfOrganization: true,
          actions: [
            'organizations:CreatePolicy',
            'organizations:UpdatePolicy',
            'organizations:AttachPolicy',
            'organizations:DetachPolicy',
          ],
          policyTypes: ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'],
        },
      ],
    });
  });

  it('should PASS a wildcard action granted to a role of a member account', () => {
    const results = run(
      policy({
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${SECURITY}:role/PolicyAdmins`] },
        Action: 'organizations:*Policy',
        Resource: '*',
      }),
    );
    expect(results[0]?.status).toBe('PASS');
  });

  it('should FAIL when the organization has no delegation policy', () => {
    const results = run(new SnapshotBuilder().setGlobal('organizations.resourcePolicy', ok(null)));
    expect(results).toEqual([expect.objectContaining({ status: 'FAIL', resourceUid: UID })]);
    expect(results[0]?.message).toContain('has no resource-based delegation policy');
  });

  it('should FAIL a read-only delegation', () => {
    const results = run(
      policy({ Effect: 'Allow', Principal: { AWS: SECURITY }, Action: READ, Resource: '*' }),
    );
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.message).toContain('delegates no policy management');
  });

  it('should FAIL when the policy names only the management account', () => {
    const results = run(
      policy({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${MGMT}:root` },
        Action: 'organizations:*',
        Resource: '*',
      }),
    );
    expect(results[0]?.status).toBe('FAIL');
    expect(results[0]?.evidence).toMatchObject({ delegates: [] });
  });

  it('should FAIL when an unconditional Deny takes the write actions back', () => {
    const results = run(
      policy(
        { Effect: 'Allow', Principal: { AWS: SECURITY }, Action: 'organizations:*', Resource: '*' },
        { Effect: 'Deny', Principal: '*', Action: ['organizations:*Policy'], Resource: '*' },
      ),
    );
    expect(results[0]?.status).toBe('FAIL');
  });

  it('should be ERROR when the policy document is unreadable', () => {
    const s = new SnapshotBuilder().setGlobal(
      'organizations.resourcePolicy',
      ok({ id: 'rp-x', arn: 'arn', content: '{not json' }),
    );
    expect(run(s)).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
    ]);
  });

  it('should be one ERROR with the collector’s code when the policy cannot be read', () => {
    const results = run(
      new SnapshotBuilder().setGlobal(
        'organizations.resourcePolicy',
        failed('ACCESS_DENIED', 'denied'),
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  itNeedsOrganizationContext(check);
});
