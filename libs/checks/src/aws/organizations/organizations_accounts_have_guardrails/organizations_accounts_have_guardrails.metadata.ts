import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'organizations_accounts_have_guardrails',
  title: 'Every member account is covered by a service or resource control policy guardrail',
  service: 'organizations',
  scope: 'organization',
  severity: 'high',
  resourceType: 'AwsOrganizationsAccount',
  description:
    'Checks, for every member account of the organization, that at least one service control policy (SCP) or resource control policy (RCP) other than AWS’s allow-everything default applies to it: attached to the account itself, to an OU on its path, or to the root.',
  risk: 'An account that only inherits FullAWSAccess has no organization-level limit on what its principals can do or who can reach its resources: one over-privileged role or public resource policy is not caught by any preventive control.',
  assessment: 'automated',
  rule: {
    apis: [
      'organizations:ListRoots',
      'organizations:ListPolicies',
      'organizations:DescribePolicy',
      'organizations:ListTargetsForPolicy',
    ],
    pass: 'At least one guardrail applies to the account: an SCP (from the OU snapshot discovery made) or an RCP of a type the root has ENABLED, attached to the account, an OU on its path or the root, that is not an allow-everything policy. Allow-everything means AWS’s `FullAWSAccess` / `RCPFullAWSAccess`, or any policy whose statements all Allow `*` on `*` without conditions. One result per member account; the management account is not evaluated (SCPs and RCPs never apply to it).',
    fail: 'Only allow-everything policies (or none) apply to the account; or the organization lacks all features (`featureSet` is not ALL), or the root enables neither SCPs nor RCPs, so no policy applies. The evidence lists every policy that applies and where it is attached. ERROR instead of FAIL when the root enables SCPs but the OU snapshot carries no SCP at all (discovery could not list them: AWS always has FullAWSAccess) or a policy document is unreadable, and no guardrail was found otherwise.',
  },
  remediation: {
    text: 'Attach SCPs that deny what no account should do (leaving the organization, disabling CloudTrail or GuardDuty, using unapproved regions, acting as root) to the root or to OUs, and RCPs that keep resources inside the organization’s perimeter. Enable the policy types on the root first.',
    cli: 'aws organizations enable-policy-type --root-id <root> --policy-type SERVICE_CONTROL_POLICY && aws organizations create-policy --type SERVICE_CONTROL_POLICY --name <name> --description <text> --content file://scp.json && aws organizations attach-policy --policy-id <policy> --target-id <ou-or-root>',
    cloudformation: 'AWS::Organizations::Policy with Type SERVICE_CONTROL_POLICY and TargetIds',
    terraform: 'resource "aws_organizations_policy" and "aws_organizations_policy_attachment"',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  },
  categories: ['governance', 'identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.1.2'] },
  requires: ['organizations.roots', 'organizations.resourceControlPolicies'],
};
