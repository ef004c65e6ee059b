import { defineCheck } from '../../../framework/check';
import { readPolicy, statementEvidence } from '../../../framework/policy';
import { ResultBuilder } from '../../../framework/results';
import { attachmentsOf, describeAttachments } from '../iam-shared';
import { metadata } from './iam_policy_no_full_admin_attached.metadata';

const ANY_ACTION = ['*', '*:*'];

export const iamPolicyNoFullAdminAttached = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const details = collected.global('iam.authorizationDetails');
  if (!details.ok) return [];
  const policies = new Map(details.data.policies.map((p) => [p.arn, p]));
  const attachedArns = new Set(
    [...details.data.users, ...details.data.groups, ...details.data.roles].flatMap((e) =>
      e.attachedPolicies.map((p) => p.arn),
    ),
  );
  for (const p of details.data.policies) if (p.attachmentCount > 0) attachedArns.add(p.arn);
  return [...attachedArns].sort().map((arn) => {
    const attachments = attachmentsOf(details.data, arn);
    const attachedTo = describeAttachments(attachments) || 'identities IAM did not list';
    const policy = policies.get(arn);
    if (policy === undefined || policy.document === null) {
      return results.error(
        arn,
        'POLICY_DOCUMENT_MISSING',
        `IAM did not return the document of policy ${arn}, attached to ${attachedTo} in account ${ctx.accountId}`,
        { attachedTo: attachments },
      );
    }
    const document = readPolicy(policy.document);
    if (!document.ok) {
      return results.errorOf(arn, document, `the document of policy ${policy.name}`, {
        attachedTo: attachments,
      });
    }
    const allows = document.data.statements.filter((s) => s.effect === 'Allow');
    const admin = allows.filter(
      (s) => s.action.some((a) => ANY_ACTION.includes(a)) && s.resource.includes('*'),
    );
    const notAction = allows.filter((s) => s.notAction.length > 0 && s.resource.includes('*'));
    const evidence = {
      awsManaged: policy.awsManaged,
      defaultVersionId: policy.defaultVersionId,
      attachedTo: attachments,
      ...(admin.length > 0 ? { adminStatements: statementEvidence(admin) } : {}),
      ...(notAction.length > 0 ? { notActionStatements: statementEvidence(notAction) } : {}),
    };
    return admin.length > 0
      ? results.fail(
          arn,
          `Policy ${policy.name} allows "*" on "*" (full administrative privileges) and is attached to ${attachedTo} in account ${ctx.accountId}`,
          evidence,
        )
      : results.pass(
          arn,
          `Policy ${policy.name}, attached to ${attachedTo} in account ${ctx.accountId}, does not allow "*" on "*"`,
          evidence,
        );
  });
});
