import { type IamPasswordPolicy } from '../../../collected/iam';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { iamPasswordPolicyMinimumLength } from './iam_password_policy_minimum_length.check';

function run(policy: IamPasswordPolicy | null, context = checkContext()) {
  return runCheck(
    iamPasswordPolicyMinimumLength,
    new SnapshotBuilder().setGlobal('iam.passwordPolicy', ok(policy)),
    context,
  );
}

describe('iam_password_policy_minimum_length', () => {
  it('should PASS a policy requiring 14 characters or more', () => {
    expect(run({ minimumPasswordLength: 14 })).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:iam::111122223333:account',
        resourceType: 'AwsIamPasswordPolicy',
        evidence: { minimumPasswordLength: 14, requiredMinimumLength: 14 },
      }),
    ]);
  });

  it('should FAIL a policy requiring fewer characters, or one without a minimum length', () => {
    expect(run({ minimumPasswordLength: 13 }).map((r) => r.status)).toEqual(['FAIL']);
    expect(run({ requireSymbols: true })[0]).toMatchObject({
      status: 'FAIL',
      evidence: { minimumPasswordLength: null },
    });
  });

  it('should FAIL an account without a password policy', () => {
    const results = run(null);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        evidence: { passwordPolicy: null, requiredMinimumLength: 14 },
      }),
    ]);
    expect(results[0]?.message).toContain('has no IAM password policy');
  });

  it('should use the tenant’s minimum length setting', () => {
    const context = checkContext({
      settings: { ...DEFAULT_CHECK_SETTINGS, 'iam.passwordMinLength': 20 },
    });
    expect(run({ minimumPasswordLength: 16 }, context).map((r) => r.status)).toEqual(['FAIL']);
  });

  it('should be one ERROR when the policy cannot be read', () => {
    const results = runCheck(
      iamPasswordPolicyMinimumLength,
      new SnapshotBuilder().setGlobal('iam.passwordPolicy', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });
});
