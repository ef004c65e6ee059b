import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './iam_user_no_direct_policies.metadata';

export const iamUserNoDirectPolicies = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const details = collected.global('iam.authorizationDetails');
  if (!details.ok) return [];
  return details.data.users.map((user) => {
    const attached = user.attachedPolicies.map((p) => p.name);
    const evidence = {
      attachedPolicies: user.attachedPolicies,
      inlinePolicies: user.inlinePolicyNames,
      groups: user.groups,
    };
    if (attached.length === 0 && user.inlinePolicyNames.length === 0) {
      return results.pass(
        user.arn,
        `IAM user ${user.name} of account ${ctx.accountId} has no policies of its own (groups: ${user.groups.join(', ') || 'none'})`,
        evidence,
      );
    }
    const parts = [
      ...(attached.length > 0 ? [`attached policies ${attached.join(', ')}`] : []),
      ...(user.inlinePolicyNames.length > 0
        ? [`inline policies ${user.inlinePolicyNames.join(', ')}`]
        : []),
    ];
    return results.fail(
      user.arn,
      `IAM user ${user.name} of account ${ctx.accountId} has permissions outside groups: ${parts.join('; ')}`,
      evidence,
    );
  });
});
