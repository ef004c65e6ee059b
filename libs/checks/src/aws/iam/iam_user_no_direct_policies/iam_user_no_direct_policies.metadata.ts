import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_user_no_direct_policies',
  title: 'IAM users receive permissions only through groups',
  service: 'iam',
  scope: 'account',
  severity: 'low',
  resourceType: 'AwsIamUser',
  description:
    'Checks that no IAM user has a managed policy attached directly or an inline policy of its own, so permissions come only from the groups the user belongs to.',
  risk: 'Permissions granted user by user drift apart, are hard to review, and survive role changes; granting them through groups keeps them consistent and auditable.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountAuthorizationDetails'],
    pass: 'The user’s AttachedManagedPolicies and UserPolicyList (GetAccountAuthorizationDetails) are both empty.',
    fail: 'The user has at least one directly attached managed policy or inline policy; the evidence names them.',
  },
  remediation: {
    text: 'Create groups for the job functions, attach the policies to the groups, add the users, then detach the users’ managed policies and delete their inline policies.',
    cli: 'aws iam detach-user-policy --user-name <user> --policy-arn <arn>; aws iam delete-user-policy --user-name <user> --policy-name <name>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.13'] },
  requires: ['iam.authorizationDetails'],
};
