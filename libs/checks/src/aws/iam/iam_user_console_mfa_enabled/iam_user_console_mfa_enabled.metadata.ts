import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_user_console_mfa_enabled',
  title: 'Every IAM user with a console password has MFA',
  service: 'iam',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsIamUser',
  description:
    'Checks, for every IAM user that has a console password, that an MFA device is active for the user (IAM credential report).',
  risk: 'A console password without MFA is one phished or reused password away from an interactive session with the user’s permissions.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    pass: 'The user’s credential report row has password_enabled true and mfa_active true.',
    fail: 'The user’s row has password_enabled true and mfa_active false. Users without a console password are not evaluated.',
  },
  remediation: {
    text: 'Assign an MFA device to each such user (or have them do it at next sign-in), or remove the console password of users who do not need the console.',
    cli: 'aws iam enable-mfa-device --user-name <user> --serial-number <serial> --authentication-code1 <code> --authentication-code2 <code>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.10'] },
  requires: ['iam.credentialReport'],
};
