// Security services integrated with AWS Organizations that support a delegated administrator:
// the service principals that show them in use (trusted access or a registration).

export interface SecurityService {
  name: string;
  /** The principal named in results (the first of `principals`). */
  principals: readonly [string, ...string[]];
}

export const SECURITY_SERVICES: readonly SecurityService[] = [
  { name: 'AWS Security Hub', principals: ['securityhub.amazonaws.com'] },
  { name: 'Amazon GuardDuty', principals: ['guardduty.amazonaws.com'] },
  { name: 'Amazon Inspector', principals: ['inspector2.amazonaws.com'] },
  { name: 'IAM Access Analyzer', principals: ['access-analyzer.amazonaws.com'] },
  {
    name: 'AWS Config',
    principals: ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'],
  },
  { name: 'Amazon Macie', principals: ['macie.amazonaws.com'] },
  { name: 'Amazon Detective', principals: ['detective.amazonaws.com'] },
  { name: 'IAM Identity Center', principals: ['sso.amazonaws.com'] },
  { name: 'Amazon Security Lake', principals: ['securitylake.amazonaws.com'] },
  { name: 'AWS Firewall Manager', principals: ['fms.amazonaws.com'] },
  { name: 'AWS CloudTrail', principals: ['cloudtrail.amazonaws.com'] },
  { name: 'AWS Audit Manager', principals: ['auditmanager.amazonaws.com'] },
  { name: 'IAM (centralized root access)', principals: ['iam.amazonaws.com'] },
];
