// The iam collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { iamAccountSummaryCollector } from './account-summary.collector';
import { iamAuthorizationDetailsCollector } from './authorization-details.collector';
import { iamCredentialReportCollector } from './credential-report.collector';
import { iamIdentityProvidersCollector } from './identity-providers.collector';
import { iamPasswordPolicyCollector } from './password-policy.collector';
import { iamServerCertificatesCollector } from './server-certificates.collector';
import { iamVirtualMfaDevicesCollector } from './virtual-mfa-devices.collector';

export const iamCollectors: readonly CollectorDefinition[] = [
  iamCredentialReportCollector,
  iamAccountSummaryCollector,
  iamPasswordPolicyCollector,
  iamAuthorizationDetailsCollector,
  iamVirtualMfaDevicesCollector,
  iamServerCertificatesCollector,
  iamIdentityProvidersCollector,
];

export const iamActions: OperationActions = {
  'iam:GenerateCredentialReport': ['iam:GenerateCredentialReport'],
  'iam:GetCredentialReport': ['iam:GetCredentialReport'],
  'iam:GetAccountSummary': ['iam:GetAccountSummary'],
  'iam:GetAccountPasswordPolicy': ['iam:GetAccountPasswordPolicy'],
  'iam:GetAccountAuthorizationDetails': ['iam:GetAccountAuthorizationDetails'],
  'iam:ListVirtualMFADevices': ['iam:ListVirtualMFADevices'],
  'iam:ListServerCertificates': ['iam:ListServerCertificates'],
  'iam:ListSAMLProviders': ['iam:ListSAMLProviders'],
  'iam:ListOpenIDConnectProviders': ['iam:ListOpenIDConnectProviders'],
};
