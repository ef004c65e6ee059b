import { type CheckMetadataInput } from '../../../framework/metadata';
import { SECURITY_SERVICES } from './security-services';

const LIST = SECURITY_SERVICES.map((s) => `${s.name} (${s.principals.join(', ')})`).join(', ');

export const metadata: CheckMetadataInput = {
  id: 'organizations_security_services_delegated',
  title:
    'Organization-integrated security services are administered from a delegated member account',
  service: 'organizations',
  scope: 'organization',
  severity: 'medium',
  resourceType: 'AwsOrganizationsServiceAccess',
  description:
    'Checks, for every security service that is integrated with the organization and supports a delegated administrator, that a member account other than the management account is registered as its delegated administrator.',
  risk: 'A security service administered from the management account makes security operators sign in to the account that controls every other account, and puts findings and detectors where SCPs cannot protect them.',
  assessment: 'automated',
  rule: {
    apis: [
      'organizations:ListAWSServiceAccessForOrganization',
      'organizations:ListDelegatedAdministrators',
      'organizations:ListDelegatedServicesForAccount',
    ],
    pass: `A security service in use in the organization (one of its principals has trusted access, or has a registered delegated administrator) has a delegated administrator that is not the management account. The services: ${LIST}. Delegated administrators come from the OU snapshot discovery made. One result per service in use; services not in use report nothing.`,
    fail: 'The service has trusted access to the organization but no delegated administrator, so it is administered from the management account.',
  },
  remediation: {
    text: 'Register a security tooling member account as delegated administrator of each security service, through the service’s own console or API (e.g. `securityhub enable-organization-admin-account`, `guardduty enable-organization-admin-account`) or Organizations.',
    cli: 'aws organizations register-delegated-administrator --account-id <security-account> --service-principal <service>.amazonaws.com',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html',
  },
  categories: ['governance', 'logging-monitoring'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.1.6'] },
  requires: ['organizations.serviceAccess'],
};
