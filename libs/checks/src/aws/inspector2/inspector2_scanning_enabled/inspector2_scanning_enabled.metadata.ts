import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'inspector2_scanning_enabled',
  title: 'Amazon Inspector2 scans the account in every scanned region',
  service: 'inspector2',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsAccount',
  description:
    'Checks, in each scanned region, that Amazon Inspector2 scans the account’s EC2 instances, ECR images or Lambda functions, so that vulnerability findings exist to be pulled.',
  risk: 'Where Inspector2 is off, no vulnerability finding is ever reported: an empty list reads as clean when it is only unscanned.',
  assessment: 'automated',
  rule: {
    apis: ['inspector2:BatchGetAccountStatus'],
    pass: 'BatchGetAccountStatus (with the account id) reports EC2, ECR or Lambda scanning ENABLED in the region.',
    fail: 'No resource type is ENABLED in the region (or Inspector2 does not report the account there); the evidence lists each type’s state.',
  },
  remediation: {
    text: 'Enable Amazon Inspector2 for the account in every region (from the delegated administrator for an organization), with EC2, ECR and Lambda scanning.',
    cli: 'aws inspector2 enable --account-ids <account> --resource-types EC2 ECR LAMBDA --region <region>',
    url: 'https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html',
  },
  categories: ['vulnerability-management', 'coverage'],
  compliance: { 'palisade-security-coverage-v1': ['inspector2'] },
  requires: ['inspector2.status'],
};
