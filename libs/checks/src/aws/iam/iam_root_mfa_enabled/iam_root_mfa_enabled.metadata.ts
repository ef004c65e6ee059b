import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_root_mfa_enabled',
  title: 'MFA is enabled for the root user',
  service: 'iam',
  scope: 'account',
  severity: 'critical',
  resourceType: 'AwsAccount',
  description:
    'Checks that the root user of the account signs in with multi-factor authentication, as IAM’s account summary reports it.',
  risk: 'Without MFA, the root user’s password alone opens unrestricted access to the account, including closing it and changing its contacts.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountSummary'],
    pass: 'GetAccountSummary reports AccountMFAEnabled = 1.',
    fail: 'GetAccountSummary reports AccountMFAEnabled = 0: the root user has no MFA device.',
  },
  remediation: {
    text: 'Sign in as the root user, open Security credentials, and assign an MFA device (a hardware key or FIDO security key is preferred, see CIS 2.6).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  categories: ['identity-access', 'root-user'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.5'] },
  requires: ['iam.accountSummary'],
};
