import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_password_policy_minimum_length',
  title: 'The IAM password policy requires passwords of at least 14 characters',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsIamPasswordPolicy',
  description:
    'Checks that the account has an IAM password policy whose minimum password length is at least the configured length (14 by default).',
  risk: 'Short passwords fall to guessing and brute force; without a policy IAM users may set passwords as short as 8 characters.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountPasswordPolicy'],
    pass: 'The password policy’s MinimumPasswordLength is at least iam.passwordMinLength.',
    fail: 'The account has no password policy (NoSuchEntity), or its MinimumPasswordLength is below iam.passwordMinLength.',
    settings: ['iam.passwordMinLength'],
  },
  remediation: {
    text: 'Set the account password policy’s minimum length to 14 or more (IAM console → Account settings → Password policy).',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 (pass the other current settings too: the call replaces the whole policy)',
    cloudformation:
      'No CloudFormation resource manages the account password policy; use the CLI, Terraform or a custom resource.',
    terraform: 'resource "aws_iam_account_password_policy" with minimum_password_length = 14',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.8'] },
  requires: ['iam.passwordPolicy'],
};
