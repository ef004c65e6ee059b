import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { attachmentsOf, awsManagedPolicyArn, describeAttachments } from '../iam-shared';
import { metadata } from './iam_cloudshell_full_access_restricted.metadata';

export const iamCloudshellFullAccessRestricted = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const details = collected.global('iam.authorizationDetails');
  if (!details.ok) return [];
  const policyArn = awsManagedPolicyArn(ctx, 'AWSCloudShellFullAccess');
  const attachments = attachmentsOf(details.data, policyArn);
  const attachedTo = describeAttachments(attachments);
  return [
    attachedTo === ''
      ? results.pass(
          policyArn,
          `AWSCloudShellFullAccess is attached to no user, group or role of account ${ctx.accountId}`,
          { attachedTo: attachments },
        )
      : results.fail(
          policyArn,
          `AWSCloudShellFullAccess is attached to ${attachedTo} in account ${ctx.accountId}`,
          { attachedTo: attachments },
        ),
  ];
});
