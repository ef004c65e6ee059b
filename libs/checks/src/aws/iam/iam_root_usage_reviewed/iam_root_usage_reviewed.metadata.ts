import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_root_usage_reviewed',
  title: 'The root user is not used for administrative and daily tasks (review its last use)',
  service: 'iam',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsAccount',
  description:
    'Reports when the root user last signed in with its password and last used an access key, from the IAM credential report, for a person to judge whether that use was one of the few tasks that require the root user.',
  risk: 'Routine use of the root user exposes credentials that no IAM policy can limit, and makes a misuse of them hard to tell apart from normal work.',
  assessment: 'manual',
  rule: {
    apis: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:GetAccountSummary'],
    pass: 'Not decided automatically: MANUAL.',
    fail: 'Not decided automatically: MANUAL.',
    manual:
      'Evidence: the credential report’s <root_account> row (password last used, each access key’s last use with region and service, MFA) with the days since each use; when the report has no root row, the account summary’s root facts (MFA enabled, access keys present). A person decides whether each recent use was a task only the root user can perform (see AWS’s list of tasks that require root user credentials).',
  },
  remediation: {
    text: 'Use IAM Identity Center or IAM roles for administration; keep the root user for the tasks that require it, protect it with hardware MFA, and alert on its use (CIS 5.3).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
  },
  categories: ['identity-access', 'root-user'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.7'] },
  requires: ['iam.credentialReport', 'iam.accountSummary'],
};
