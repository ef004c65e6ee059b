import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'organizations_policy_management_delegated',
  title: 'A delegated administrator manages AWS Organizations policies',
  service: 'organizations',
  scope: 'organization',
  severity: 'medium',
  resourceType: 'AwsOrganizationsOrganization',
  description:
    'Checks that the organization’s resource-based delegation policy lets a member account manage Organizations policies (SCPs, RCPs, tag, backup and other policies), so day-to-day policy work does not need the management account.',
  risk: 'When only the management account can manage policies, every guardrail change needs someone signed in to the most powerful account of the organization, multiplying its use and the number of people with access to it.',
  assessment: 'automated',
  rule: {
    apis: ['organizations:DescribeResourcePolicy'],
    pass: 'The organization has a resource-based delegation policy with an Allow statement whose principal names a member account (account id or an IAM ARN of that account, not the management account) and whose actions cover at least one of `organizations:CreatePolicy`, `UpdatePolicy`, `DeletePolicy`, `AttachPolicy`, `DetachPolicy`, not taken back by an unconditional Deny for that principal. The evidence lists each delegate, the actions it has and the `organizations:PolicyType` condition, if any. One result per organization.',
    fail: 'The organization has no delegation policy (`ResourcePolicyNotFoundException`), or its policy delegates no policy-management action to a member account (e.g. read-only delegation). ERROR when the policy document is unreadable.',
  },
  remediation: {
    text: 'From the management account, attach a delegation policy (Organizations console → Settings → Delegated administrator for AWS Organizations) that allows a security or platform member account to create, update, attach and detach the policy types it should manage.',
    cli: 'aws organizations put-resource-policy --content file://delegation-policy.json',
    cloudformation: 'AWS::Organizations::ResourcePolicy with Content naming the delegated account',
    terraform: 'resource "aws_organizations_resource_policy"',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs-policy-delegate.html',
  },
  categories: ['governance', 'identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.1.5'] },
  requires: ['organizations.resourcePolicy'],
};
