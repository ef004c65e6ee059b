import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_password_policy_reuse_prevention',
  title: 'The IAM password policy prevents reuse of the last 24 passwords',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsIamPasswordPolicy',
  description:
    'Checks that the account has an IAM password policy that remembers at least the configured number of previous passwords (24 by default) and refuses them.',
  risk: 'When users may reuse old passwords, a password leaked in the past keeps working after every "change".',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountPasswordPolicy'],
    pass: 'The password policy’s PasswordReusePrevention is at least iam.passwordReusePrevention.',
    fail: 'The account has no password policy (NoSuchEntity), the policy has no PasswordReusePrevention, or it is below iam.passwordReusePrevention.',
    settings: ['iam.passwordReusePrevention'],
  },
  remediation: {
    text: 'Set the account password policy to prevent reuse of the last 24 passwords (IAM console → Account settings → Password policy).',
    cli: 'aws iam update-account-password-policy --password-reuse-prevention 24 (pass the other current settings too: the call replaces the whole policy)',
    cloudformation:
      'No CloudFormation resource manages the account password policy; use the CLI, Terraform or a custom resource.',
    terraform: 'resource "aws_iam_account_password_policy" with password_reuse_prevention = 24',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.9'] },
  requires: ['iam.passwordPolicy'],
};
