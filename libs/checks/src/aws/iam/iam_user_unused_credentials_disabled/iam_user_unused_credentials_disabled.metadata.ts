import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_user_unused_credentials_disabled',
  title: 'IAM user credentials unused for 45 days or more are disabled',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  description:
    'Checks, for every IAM user, that its console password and each active access key was used within the configured number of days (45 by default); a credential never used counts from when it was created.',
  risk: 'Credentials nobody uses are credentials nobody watches: when leaked they work until someone notices, and they widen the account’s attack surface for no benefit.',
  assessment: 'automated',
  rule: {
    apis: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    pass: 'Every enabled console password and every active access key of the user was last used no more than iam.unusedCredentialDays days before the evaluation time (a credential never used: created no more than that many days before). A user with no console password and no active key passes.',
    fail: 'The user has a console password (password_enabled true) whose last use — or, never used, its last change or the user’s creation — is more than iam.unusedCredentialDays days ago, or an active access key whose last use — or, never used, its creation (last_rotated) — is that old; the evidence lists each such credential.',
    settings: ['iam.unusedCredentialDays'],
  },
  remediation: {
    text: 'Delete the console password (login profile) of users who do not sign in, and deactivate, then delete, access keys that are not used.',
    cli: 'aws iam delete-login-profile --user-name <user>; aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.11'] },
  requires: ['iam.credentialReport'],
};
