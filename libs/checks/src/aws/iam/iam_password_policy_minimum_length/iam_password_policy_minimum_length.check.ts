import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './iam_password_policy_minimum_length.metadata';

export const iamPasswordPolicyMinimumLength = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const policy = collected.global('iam.passwordPolicy');
  if (!policy.ok) return [];
  const required = ctx.settings['iam.passwordMinLength'];
  if (policy.data === null) {
    return [
      results.fail(
        results.scopeUid,
        `Account ${ctx.accountId} has no IAM password policy, so passwords need not be ${required} characters long`,
        { passwordPolicy: null, requiredMinimumLength: required },
      ),
    ];
  }
  const length = policy.data.minimumPasswordLength;
  const evidence = { minimumPasswordLength: length ?? null, requiredMinimumLength: required };
  return [
    length !== undefined && length >= required
      ? results.pass(
          results.scopeUid,
          `The IAM password policy of account ${ctx.accountId} requires at least ${length} characters`,
          evidence,
        )
      : results.fail(
          results.scopeUid,
          `The IAM password policy of account ${ctx.accountId} requires ${length ?? 'no'} minimum length, below ${required} characters`,
          evidence,
        ),
  ];
});
