import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_root_hardware_mfa_enabled',
  title: 'The root user’s MFA is a hardware device, not a virtual one',
  service: 'iam',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsAccount',
  description:
    'Checks that the root user has MFA and that none of it is a virtual (app-based) MFA device, so its second factor is a hardware TOTP token or a FIDO security key.',
  risk: 'A virtual MFA app lives on a phone or computer that can be lost, cloned or compromised together with the password it protects; a dedicated hardware device cannot.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'],
    pass: 'GetAccountSummary reports AccountMFAEnabled = 1 and no assigned virtual MFA device (ListVirtualMFADevices, AssignmentStatus Assigned) belongs to the root user: none has a User ARN of arn:<partition>:iam::<account>:root or the serial arn:<partition>:iam::<account>:mfa/root-account-mfa-device.',
    fail: 'The root user has no MFA (AccountMFAEnabled = 0), or a virtual MFA device is assigned to it; the evidence names the device.',
  },
  remediation: {
    text: 'Sign in as the root user, assign a hardware TOTP token or a FIDO security key under Security credentials, then remove the virtual MFA device.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html',
  },
  categories: ['identity-access', 'root-user'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.6'] },
  requires: ['iam.accountSummary', 'iam.virtualMfaDevices'],
};
