import { type IamManagedPolicyDetail, type IamRoleDetail } from '../../../collected/iam';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { authorizationDetails, userArn } from '../iam-fixtures';
import { iamPolicyNoFullAdminAttached } from './iam_policy_no_full_admin_attached.check';

const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const CUSTOM_ARN = 'arn:aws:iam::111122223333:policy/app-read';

function policy(
  arn: string,
  statements: object[] | null,
  attachmentCount = 1,
): IamManagedPolicyDetail {
  return {
    name: arn.slice(arn.lastIndexOf('/') + 1),
    arn,
    awsManaged: arn.includes(':iam::aws:'),
    attachmentCount,
    defaultVersionId: 'v1',
    document:
      statements === null ? null : JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  };
}

function role(name: string, ...arns: string[]): IamRoleDetail {
  return {
    name,
    arn: `arn:aws:iam::111122223333:role/${name}`,
    path: '/',
    attachedPolicies: arns.map((arn) => ({ name: arn.slice(arn.lastIndexOf('/') + 1), arn })),
    inlinePolicyNames: [],
  };
}

function run(policies: IamManagedPolicyDetail[], roles: IamRoleDetail[] = []) {
  return runCheck(
    iamPolicyNoFullAdminAttached,
    new SnapshotBuilder().setGlobal(
      'iam.authorizationDetails',
      ok(authorizationDetails({ policies, roles })),
    ),
  );
}

describe('iam_policy_no_full_admin_attached', () => {
  it('should FAIL an attached policy allowing "*" on "*", naming who holds it', () => {
    const results = run(
      [policy(ADMIN_ARN, [{ Effect: 'Allow', Action: '*', Resource: '*' }])],
      [role('break-glass', ADMIN_ARN)],
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        resourceUid: ADMIN_ARN,
        resourceType: 'AwsIamPolicy',
        evidence: expect.objectContaining({
          awsManaged: true,
          attachedTo: { users: [], groups: [], roles: ['break-glass'] },
          adminStatements: [expect.objectContaining({ effect: 'Allow', action: ['*'] })],
        }) as object,
      }),
    ]);
    expect(results[0]?.message).toBe(
      'Policy AdministratorAccess allows "*" on "*" (full administrative privileges) and is attached to roles break-glass in account 111122223333',
    );
  });

  it('should PASS attached policies without a "*:*" Allow, reporting NotAction statements only as evidence', () => {
    const results = run(
      [
        policy(CUSTOM_ARN, [
          { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
          { Effect: 'Deny', Action: '*', Resource: '*' },
          { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' },
        ]),
      ],
      [role('app', CUSTOM_ARN)],
    );
    expect(results).toEqual([expect.objectContaining({ status: 'PASS', resourceUid: CUSTOM_ARN })]);
    expect(results[0]?.evidence).toMatchObject({
      notActionStatements: [expect.objectContaining({ notAction: ['iam:*'] })],
    });
    expect(results[0]?.evidence).not.toHaveProperty('adminStatements');
  });

  it('should count "*:*" as any action and ignore policies attached to nobody', () => {
    const results = run([
      policy(CUSTOM_ARN, [{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }], 1),
      policy(
        'arn:aws:iam::111122223333:policy/unused-admin',
        [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        0,
      ),
    ]);
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([[CUSTOM_ARN, 'FAIL']]);
    expect(results[0]?.message).toContain('attached to identities IAM did not list');
  });

  it('should be ERROR, never PASS, for an attached policy whose document is missing or unreadable', () => {
    const broken = { ...policy(CUSTOM_ARN, []), document: '{not json' };
    const results = run([broken], [role('app', CUSTOM_ARN), role('ops', ADMIN_ARN)]);
    expect(results.map((r) => [r.resourceUid, r.status, r.errorCode])).toEqual([
      [CUSTOM_ARN, 'ERROR', 'INVALID_POLICY'],
      [ADMIN_ARN, 'ERROR', 'POLICY_DOCUMENT_MISSING'],
    ]);
    expect(run([policy(CUSTOM_ARN, null)])[0]).toMatchObject({
      status: 'ERROR',
      errorCode: 'POLICY_DOCUMENT_MISSING',
    });
  });

  it('should name users and groups holding the policy too', () => {
    const snapshot = new SnapshotBuilder().setGlobal(
      'iam.authorizationDetails',
      ok(
        authorizationDetails({
          users: [
            {
              name: 'alice',
              arn: userArn('alice'),
              groups: [],
              attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
              inlinePolicyNames: [],
            },
          ],
          groups: [
            {
              name: 'admins',
              arn: 'arn:aws:iam::111122223333:group/admins',
              attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
              inlinePolicyNames: [],
            },
          ],
          policies: [policy(ADMIN_ARN, [{ Effect: 'Allow', Action: '*', Resource: '*' }], 2)],
        }),
      ),
    );
    const results = runCheck(iamPolicyNoFullAdminAttached, snapshot);
    expect(results[0]?.message).toContain('attached to users alice; groups admins');
  });

  it('should be one ERROR when the authorization details cannot be read', () => {
    const results = runCheck(
      iamPolicyNoFullAdminAttached,
      new SnapshotBuilder().setGlobal('iam.authorizationDetails', failed('THROTTLED', 'slow')),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'THROTTLED' })]);
  });

  it('should report nothing when no policy is attached', () => {
    expect(run([policy(CUSTOM_ARN, [], 0)])).toEqual([]);
  });
});
