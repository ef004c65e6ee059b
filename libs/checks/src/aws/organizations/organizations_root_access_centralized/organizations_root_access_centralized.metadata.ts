import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'organizations_root_access_centralized',
  title: 'Root access of member accounts is managed centrally in AWS Organizations',
  service: 'organizations',
  scope: 'organization',
  severity: 'high',
  resourceType: 'AwsOrganizationsOrganization',
  description:
    'Checks that IAM’s centralized root access is on for the organization: IAM has trusted access to AWS Organizations, and both root credentials management and privileged root sessions are enabled, so member accounts need no root credentials of their own.',
  risk: 'Without centralized root access every member account keeps its own root password, access keys and MFA devices, each a credential with unrestricted power over the account that SCPs cannot limit and that must be secured and recovered one account at a time.',
  assessment: 'automated',
  rule: {
    apis: ['organizations:ListAWSServiceAccessForOrganization', 'iam:ListOrganizationsFeatures'],
    pass: 'The organization’s trusted services include `iam.amazonaws.com`, and `iam:ListOrganizationsFeatures` lists both `RootCredentialsManagement` and `RootSessions`. One result per organization.',
    fail: 'IAM has no trusted access, or either feature is off (IAM answering `ServiceAccessNotEnabledException` or `OrganizationNotInAllFeaturesModeException` counts as both off); the message names what is missing.',
  },
  remediation: {
    text: 'From the management account, enable trusted access for IAM, then enable root credentials management and privileged root actions (root sessions). Afterwards delete the root credentials of member accounts.',
    cli: 'aws organizations enable-aws-service-access --service-principal iam.amazonaws.com && aws iam enable-organizations-root-credentials-management && aws iam enable-organizations-root-sessions',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
  },
  categories: ['identity-access', 'governance'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.1.1'] },
  requires: ['organizations.serviceAccess', 'organizations.rootAccessFeatures'],
};
