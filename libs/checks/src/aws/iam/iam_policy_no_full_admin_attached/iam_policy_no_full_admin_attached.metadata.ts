import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_policy_no_full_admin_attached',
  title: 'No attached IAM policy allows full "*:*" administrative privileges',
  service: 'iam',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsIamPolicy',
  description:
    'Checks every managed policy (customer or AWS managed) attached to a user, group or role: its default version must not have an Allow statement with Action "*" on Resource "*".',
  risk: 'A "*:*" policy gives its holders every permission in the account, so one compromised user or role is a compromised account; least privilege starts with removing it.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountAuthorizationDetails'],
    pass: 'The attached policy’s default version has no statement with Effect Allow, an Action list containing "*" (or "*:*") and a Resource list containing "*". Allow statements with NotAction on Resource "*" are listed in the evidence, not counted.',
    fail: 'The attached policy’s default version has such a statement; the evidence lists the statements and the users, groups and roles it is attached to. A policy attached somewhere whose document IAM did not return, or cannot be read, is an ERROR.',
  },
  remediation: {
    text: 'Detach the policy from every user, group and role, and grant the permissions they actually need; keep full administrative access to a few break-glass roles guarded by MFA, if at all.',
    cli: 'aws iam list-entities-for-policy --policy-arn <arn>; aws iam detach-role-policy --role-name <role> --policy-arn <arn> (and detach-user-policy / detach-group-policy)',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access', 'least-privilege'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.14'] },
  requires: ['iam.authorizationDetails'],
};
