import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_user_access_keys_rotated',
  title: 'Active IAM access keys are rotated every 90 days or less',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  description:
    'Checks, for every IAM user with an active access key, that each active key was created (rotated) no more than the configured number of days ago (90 by default).',
  risk: 'A long-lived access key has had longer to be copied into scripts, laptops and logs; rotating keys bounds how long a leaked one stays valid.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    pass: 'Every active access key of the user (access_key_N_active true) has access_key_N_last_rotated no more than iam.accessKeyMaxAgeDays days before the evaluation time.',
    fail: 'Some active access key of the user was last rotated more than iam.accessKeyMaxAgeDays days ago; the evidence lists each key’s age. Users without an active key are not evaluated.',
    settings: ['iam.accessKeyMaxAgeDays'],
  },
  remediation: {
    text: 'Create a second access key, move its users to it, deactivate the old key, and delete it once nothing fails; better, replace long-lived keys with roles.',
    cli: 'aws iam create-access-key --user-name <user>; aws iam update-access-key --user-name <user> --access-key-id <old> --status Inactive; aws iam delete-access-key --user-name <user> --access-key-id <old>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.12'] },
  requires: ['iam.credentialReport'],
};
