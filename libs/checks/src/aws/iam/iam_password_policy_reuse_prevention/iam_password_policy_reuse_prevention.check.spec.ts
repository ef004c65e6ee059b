import { type IamPasswordPolicy } from '../../../collected/iam';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { iamPasswordPolicyReusePrevention } from './iam_password_policy_reuse_prevention.check';

function run(policy: IamPasswordPolicy | null, context = checkContext()) {
  return runCheck(
    iamPasswordPolicyReusePrevention,
    new SnapshotBuilder().setGlobal('iam.passwordPolicy', ok(policy)),
    context,
  );
}

describe('iam_password_policy_reuse_prevention', () => {
  it('should PASS a policy remembering 24 passwords', () => {
    expect(run({ passwordReusePrevention: 24 })).toEqual([
      expect.objectContaining({
        status: 'PASS',
        evidence: { passwordReusePrevention: 24, requiredReusePrevention: 24 },
      }),
    ]);
  });

  it('should FAIL a policy remembering fewer, or not preventing reuse at all', () => {
    const fewer = run({ passwordReusePrevention: 5 });
    expect(fewer[0]?.status).toBe('FAIL');
    expect(fewer[0]?.message).toContain('only the last 5 passwords, fewer than 24');
    const none = run({ minimumPasswordLength: 14 });
    expect(none[0]).toMatchObject({ status: 'FAIL', evidence: { passwordReusePrevention: null } });
    expect(none[0]?.message).toContain('does not prevent password reuse');
  });

  it('should FAIL an account without a password policy', () => {
    expect(run(null)).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        evidence: { passwordPolicy: null, requiredReusePrevention: 24 },
      }),
    ]);
  });

  it('should use the tenant’s reuse prevention setting', () => {
    const context = checkContext({
      settings: { ...DEFAULT_CHECK_SETTINGS, 'iam.passwordReusePrevention': 12 },
    });
    expect(run({ passwordReusePrevention: 12 }, context).map((r) => r.status)).toEqual(['PASS']);
  });

  it('should be one ERROR when the policy cannot be read', () => {
    const results = runCheck(
      iamPasswordPolicyReusePrevention,
      new SnapshotBuilder().setGlobal('iam.passwordPolicy', failed('THROTTLED', 'slow')),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'THROTTLED' })]);
  });
});
