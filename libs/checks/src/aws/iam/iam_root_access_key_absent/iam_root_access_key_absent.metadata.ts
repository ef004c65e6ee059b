import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_root_access_key_absent',
  title: 'The root user has no access keys',
  service: 'iam',
  scope: 'account',
  severity: 'critical',
  resourceType: 'AwsAccount',
  description:
    'Checks that the root user of the account has no access key, active or not, as IAM’s account summary reports it.',
  risk: 'A root access key grants unrestricted, unconditional access to every resource of the account and cannot be limited by IAM policies; a leaked one is a full account compromise.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountSummary'],
    pass: 'GetAccountSummary reports AccountAccessKeysPresent = 0.',
    fail: 'GetAccountSummary reports AccountAccessKeysPresent = 1: the root user has at least one access key.',
  },
  remediation: {
    text: 'Sign in as the root user, open Security credentials, and delete every access key (deactivate first if something might still use it, then delete). Use IAM roles or IAM Identity Center for programmatic access.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
  },
  categories: ['identity-access', 'root-user'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.4'] },
  requires: ['iam.accountSummary'],
};
