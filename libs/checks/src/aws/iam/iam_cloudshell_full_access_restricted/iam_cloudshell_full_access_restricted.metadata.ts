import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_cloudshell_full_access_restricted',
  title: 'The AWSCloudShellFullAccess policy is not attached to any user, group or role',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsIamPolicy',
  description:
    'Checks that the AWS managed policy AWSCloudShellFullAccess is attached to no IAM user, group or role of the account.',
  risk: 'AWSCloudShellFullAccess lets its holders upload and download files in CloudShell and reach the internet from it: a path to move data out of the account that bypasses other controls.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountAuthorizationDetails'],
    pass: 'No user, group or role has arn:<partition>:iam::aws:policy/AWSCloudShellFullAccess in its AttachedManagedPolicies (GetAccountAuthorizationDetails).',
    fail: 'The policy is attached to at least one user, group or role; the evidence lists them. Grant a narrower CloudShell policy (no file transfer) where CloudShell is needed.',
  },
  remediation: {
    text: 'Detach AWSCloudShellFullAccess from every identity; where people need CloudShell, grant a customer managed policy that denies cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess (and detach-user-policy / detach-group-policy)',
    url: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
  },
  categories: ['identity-access', 'least-privilege'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.20'] },
  requires: ['iam.authorizationDetails'],
};
