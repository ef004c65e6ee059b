import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { type IamAuthorizationDetails } from '../../../collected/iam';
import { authorizationDetails } from '../iam-fixtures';
import { iamCloudshellFullAccessRestricted } from './iam_cloudshell_full_access_restricted.check';

const CLOUDSHELL = {
  name: 'AWSCloudShellFullAccess',
  arn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
};

function run(details: IamAuthorizationDetails) {
  return runCheck(
    iamCloudshellFullAccessRestricted,
    new SnapshotBuilder().setGlobal('iam.authorizationDetails', ok(details)),
  );
}

const group = (name: string, attached: { name: string; arn: string }[]) => ({
  name,
  arn: `arn:aws:iam::111122223333:group/${name}`,
  attachedPolicies: attached,
  inlinePolicyNames: [],
});

describe('iam_cloudshell_full_access_restricted', () => {
  it('should PASS when no identity has AWSCloudShellFullAccess', () => {
    const results = run(
      authorizationDetails({
        groups: [
          group('ops', [
            {
              name: 'AWSCloudShellPowerUserAccess',
              arn: 'arn:aws:iam::aws:policy/AWSCloudShellPowerUserAccess',
            },
          ]),
        ],
      }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: CLOUDSHELL.arn,
        resourceType: 'AwsIamPolicy',
      }),
    ]);
  });

  it('should FAIL when the policy is attached, listing the holders', () => {
    const results = run(
      authorizationDetails({
        groups: [group('ops', [CLOUDSHELL])],
        roles: [
          {
            name: 'admin',
            arn: 'arn:aws:iam::111122223333:role/admin',
            path: '/',
            attachedPolicies: [CLOUDSHELL],
            inlinePolicyNames: [],
          },
        ],
      }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        evidence: { attachedTo: { users: [], groups: ['ops'], roles: ['admin'] } },
      }),
    ]);
    expect(results[0]?.message).toBe(
      'AWSCloudShellFullAccess is attached to groups ops; roles admin in account 111122223333',
    );
  });

  it('should be one ERROR when the authorization details cannot be read', () => {
    const results = runCheck(
      iamCloudshellFullAccessRestricted,
      new SnapshotBuilder().setGlobal(
        'iam.authorizationDetails',
        failed('ACCESS_DENIED', 'denied'),
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should PASS an account without any IAM identities', () => {
    expect(run(authorizationDetails()).map((r) => r.status)).toEqual(['PASS']);
  });
});
