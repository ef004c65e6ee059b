import { type IamAuthorizationDetails } from '../../../collected/iam';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { authorizationDetails, userArn } from '../iam-fixtures';
import { iamSupportRoleExists } from './iam_support_role_exists.check';

const SUPPORT = { name: 'AWSSupportAccess', arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' };

function role(name: string, attached: { name: string; arn: string }[]) {
  return {
    name,
    arn: `arn:aws:iam::111122223333:role/${name}`,
    path: '/',
    attachedPolicies: attached,
    inlinePolicyNames: [],
  };
}

function run(details: IamAuthorizationDetails, context = checkContext()) {
  return runCheck(
    iamSupportRoleExists,
    new SnapshotBuilder().setGlobal('iam.authorizationDetails', ok(details)),
    context,
  );
}

describe('iam_support_role_exists', () => {
  it('should PASS once for the account when a role has AWSSupportAccess attached', () => {
    const results = run(
      authorizationDetails({ roles: [role('app', []), role('support', [SUPPORT])] }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:iam::111122223333:account',
        evidence: {
          policyArn: SUPPORT.arn,
          attachedTo: { users: [], groups: [], roles: ['support'] },
        },
      }),
    ]);
  });

  it('should FAIL when only a user holds AWSSupportAccess, or a look-alike customer policy is attached', () => {
    const results = run(
      authorizationDetails({
        users: [
          {
            name: 'alice',
            arn: userArn('alice'),
            groups: [],
            attachedPolicies: [SUPPORT],
            inlinePolicyNames: [],
          },
        ],
        roles: [
          role('fake', [
            { name: 'AWSSupportAccess', arn: 'arn:aws:iam::111122223333:policy/AWSSupportAccess' },
          ]),
        ],
      }),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        evidence: expect.objectContaining({
          attachedTo: { users: ['alice'], groups: [], roles: [] },
        }) as object,
      }),
    ]);
  });

  it('should match the policy in the account’s own partition', () => {
    const gov = {
      name: 'AWSSupportAccess',
      arn: 'arn:aws-us-gov:iam::aws:policy/AWSSupportAccess',
    };
    const details = authorizationDetails({ roles: [role('support', [gov])] });
    expect(run(details, checkContext({ partition: 'aws-us-gov' }))[0]?.status).toBe('PASS');
    expect(run(details)[0]?.status).toBe('FAIL');
  });

  it('should be one ERROR when the authorization details cannot be read', () => {
    const results = runCheck(
      iamSupportRoleExists,
      new SnapshotBuilder().setGlobal(
        'iam.authorizationDetails',
        failed('ACCESS_DENIED', 'denied'),
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should FAIL an account without any IAM identities', () => {
    expect(run(authorizationDetails()).map((r) => r.status)).toEqual(['FAIL']);
  });
});
