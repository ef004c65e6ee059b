import { type IamUserDetail } from '../../../collected/iam';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { authorizationDetails, userArn } from '../iam-fixtures';
import { iamUserNoDirectPolicies } from './iam_user_no_direct_policies.check';

function user(name: string, parts: Partial<IamUserDetail> = {}): IamUserDetail {
  return {
    name,
    arn: userArn(name),
    groups: [],
    attachedPolicies: [],
    inlinePolicyNames: [],
    ...parts,
  };
}

function run(users: IamUserDetail[]) {
  return runCheck(
    iamUserNoDirectPolicies,
    new SnapshotBuilder().setGlobal(
      'iam.authorizationDetails',
      ok(authorizationDetails({ users })),
    ),
  );
}

describe('iam_user_no_direct_policies', () => {
  it('should PASS users whose permissions come only from groups (or who have none)', () => {
    const results = run([user('alice', { groups: ['admins'] }), user('bob')]);
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      [userArn('alice'), 'PASS'],
      [userArn('bob'), 'PASS'],
    ]);
    expect(results[0]?.message).toContain('groups: admins');
  });

  it('should FAIL users with attached managed or inline policies, naming them', () => {
    const results = run([
      user('carol', {
        attachedPolicies: [
          { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        ],
      }),
      user('dave', { inlinePolicyNames: ['s3-write'], groups: ['devs'] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.message).toBe(
      'IAM user carol of account 111122223333 has permissions outside groups: attached policies ReadOnlyAccess',
    );
    expect(results[1]?.evidence).toEqual({
      attachedPolicies: [],
      inlinePolicies: ['s3-write'],
      groups: ['devs'],
    });
  });

  it('should be one ERROR when the authorization details cannot be read', () => {
    const results = runCheck(
      iamUserNoDirectPolicies,
      new SnapshotBuilder().setGlobal(
        'iam.authorizationDetails',
        failed('ACCESS_DENIED', 'denied'),
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing for an account without IAM users', () => {
    expect(run([])).toEqual([]);
  });
});
