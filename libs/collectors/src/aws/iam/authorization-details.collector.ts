// iam.authorizationDetails: every user, group and role with its attached and inline policies,
// and the managed policies with their default version's document, in one paginated call.
import {
  type AttachedPolicy,
  IAMClient,
  type ManagedPolicyDetail,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import {
  type IamAttachedPolicy,
  type IamAuthorizationDetails,
  type IamManagedPolicyDetail,
} from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function attached(list: readonly AttachedPolicy[] | undefined): IamAttachedPolicy[] {
  return (list ?? []).flatMap((p) =>
    p.PolicyArn === undefined ? [] : [{ name: p.PolicyName ?? '', arn: p.PolicyArn }],
  );
}

function names(list: readonly { PolicyName?: string | undefined }[] | undefined): string[] {
  return (list ?? []).flatMap((p) => (p.PolicyName === undefined ? [] : [p.PolicyName]));
}

/** IAM returns policy documents URL-encoded (RFC 3986); plain JSON is kept as it is. */
function documentText(document: string | undefined): string | null {
  if (document === undefined) return null;
  if (document.trimStart().startsWith('{')) return document;
  try {
    return decodeURIComponent(document);
  } catch {
    // Not URL-encoded after all: the check reports the text it cannot read as an ERROR.
    return document;
  }
}

function policyOf(p: ManagedPolicyDetail & { Arn: string }): IamManagedPolicyDetail {
  const defaultVersion = (p.PolicyVersionList ?? []).find(
    (v) => v.IsDefaultVersion === true || (p.DefaultVersionId ?? '') === v.VersionId,
  );
  return {
    // moto leaves PolicyName out of this list; the ARN ends with it.
    name: p.PolicyName ?? p.Arn.slice(p.Arn.lastIndexOf('/') + 1),
    arn: p.Arn,
    awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(p.Arn),
    attachmentCount: p.AttachmentCount ?? 0,
    defaultVersionId: p.DefaultVersionId ?? null,
    document: documentText(defaultVersion?.Document),
  };
}

export const iamAuthorizationDetailsCollector = defineCollector({
  key: 'iam.authorizationDetails',
  scope: 'global',
  operations: ['iam:GetAccountAuthorizationDetails'],
  async collect(ctx) {
    const client = ctx.client(IAMClient, 'iam');
    const details: IamAuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
    for await (const page of paginateGetAccountAuthorizationDetails({ client }, {})) {
      for (const u of page.UserDetailList ?? []) {
        if (u.Arn === undefined) continue;
        details.users.push({
          name: u.UserName ?? '',
          arn: u.Arn,
          groups: u.GroupList ?? [],
          attachedPolicies: attached(u.AttachedManagedPolicies),
          inlinePolicyNames: names(u.UserPolicyList),
        });
      }
      for (const g of page.GroupDetailList ?? []) {
        if (g.Arn === undefined) continue;
        details.groups.push({
          name: g.GroupName ?? '',
          arn: g.Arn,
          attachedPolicies: attached(g.AttachedManagedPolicies),
          inlinePolicyNames: names(g.GroupPolicyList),
        });
      }
      for (const r of page.RoleDetailList ?? []) {
        if (r.Arn === undefined) continue;
        details.roles.push({
          name: r.RoleName ?? '',
          arn: r.Arn,
          path: r.Path ?? '/',
          attachedPolicies: attached(r.AttachedManagedPolicies),
          inlinePolicyNames: names(r.RolePolicyList),
        });
      }
      for (const p of page.Policies ?? []) {
        if (p.Arn === undefined) continue;
        const policy = policyOf({ ...p, Arn: p.Arn });
        // AWS managed policies matter only where they are attached; keep every customer one.
        if (!policy.awsManaged || policy.attachmentCount > 0) details.policies.push(policy);
      }
    }
    return details;
  },
});
