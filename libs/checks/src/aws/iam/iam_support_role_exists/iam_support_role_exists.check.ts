import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { attachmentsOf, awsManagedPolicyArn } from '../iam-shared';
import { metadata } from './iam_support_role_exists.metadata';

export const iamSupportRoleExists = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const details = collected.global('iam.authorizationDetails');
  if (!details.ok) return [];
  const policyArn = awsManagedPolicyArn(ctx, 'AWSSupportAccess');
  const attachments = attachmentsOf(details.data, policyArn);
  const evidence = { policyArn, attachedTo: attachments };
  return [
    attachments.roles.length > 0
      ? results.pass(
          results.scopeUid,
          `Account ${ctx.accountId} has support roles with AWSSupportAccess: ${attachments.roles.join(', ')}`,
          evidence,
        )
      : results.fail(
          results.scopeUid,
          `No role of account ${ctx.accountId} has the AWSSupportAccess policy attached`,
          evidence,
        ),
  ];
});
