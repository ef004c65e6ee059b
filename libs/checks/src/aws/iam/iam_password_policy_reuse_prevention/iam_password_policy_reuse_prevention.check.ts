import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './iam_password_policy_reuse_prevention.metadata';

export const iamPasswordPolicyReusePrevention = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const policy = collected.global('iam.passwordPolicy');
  if (!policy.ok) return [];
  const required = ctx.settings['iam.passwordReusePrevention'];
  if (policy.data === null) {
    return [
      results.fail(
        results.scopeUid,
        `Account ${ctx.accountId} has no IAM password policy, so passwords may be reused`,
        { passwordPolicy: null, requiredReusePrevention: required },
      ),
    ];
  }
  const remembered = policy.data.passwordReusePrevention;
  const evidence = {
    passwordReusePrevention: remembered ?? null,
    requiredReusePrevention: required,
  };
  if (remembered !== undefined && remembered >= required) {
    return [
      results.pass(
        results.scopeUid,
        `The IAM password policy of account ${ctx.accountId} prevents reuse of the last ${remembered} passwords`,
        evidence,
      ),
    ];
  }
  return [
    results.fail(
      results.scopeUid,
      remembered === undefined
        ? `The IAM password policy of account ${ctx.accountId} does not prevent password reuse`
        : `The IAM password policy of account ${ctx.accountId} prevents reuse of only the last ${remembered} passwords, fewer than ${required}`,
      evidence,
    ),
  ];
});
