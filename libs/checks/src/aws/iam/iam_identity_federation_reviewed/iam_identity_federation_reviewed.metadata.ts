import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'iam_identity_federation_reviewed',
  title:
    'IAM users are managed centrally through identity federation or AWS Organizations (review)',
  service: 'iam',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsAccount',
  description:
    'Reports the account’s SAML and OpenID Connect identity providers (IAM Identity Center’s AWSSSO_ SAML providers included) and its IAM users with console passwords or access keys, for a person to judge whether people sign in centrally rather than through per-account IAM users.',
  risk: 'IAM users created account by account escape central joiner/leaver processes and MFA policies; in a multi-account estate they are the credentials left behind when someone leaves.',
  assessment: 'manual',
  rule: {
    apis: [
      'iam:ListSAMLProviders',
      'iam:ListOpenIDConnectProviders',
      'iam:GenerateCredentialReport',
      'iam:GetCredentialReport',
    ],
    pass: 'Not decided automatically: MANUAL.',
    fail: 'Not decided automatically: MANUAL.',
    manual:
      'Evidence: the SAML providers (ARN, valid until; AWSSSO_ ones mark IAM Identity Center), the OpenID Connect providers, the number of IAM users and the names of those with a console password or an active access key, and whether the account is scanned from an organization source. A person decides whether human access is federated (IAM Identity Center or an external IdP) and whether the remaining IAM users are justified (break-glass, workloads that cannot use roles). OIDC providers usually serve workloads (CI/CD), not people.',
  },
  remediation: {
    text: 'Give people access through IAM Identity Center (or SAML federation to your identity provider) with permission sets, then remove the console passwords and access keys of IAM users that only served people.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html',
  },
  categories: ['identity-access'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.19'] },
  requires: ['iam.identityProviders', 'iam.credentialReport'],
};
