import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'securityhub_enabled',
  title: 'AWS Security Hub is enabled in every region',
  service: 'securityhub',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsSecurityHubHub',
  description:
    'Checks, in each scanned region, that the account is subscribed to AWS Security Hub (DescribeHub returns its hub).',
  risk: 'Without Security Hub, findings from GuardDuty, Inspector, Macie, Config and its own security controls are not gathered and scored in the region, so issues there are easy to miss.',
  assessment: 'automated',
  rule: {
    apis: ['securityhub:DescribeHub'],
    pass: 'DescribeHub returns the hub of the region: Security Hub is enabled there.',
    fail: 'DescribeHub answers InvalidAccessException "Account … is not subscribed to AWS Security Hub": Security Hub is not enabled in the region. Any other error (including other InvalidAccessException causes) is ERROR, never FAIL or PASS. Regions that are not enabled for the account are not scanned and never fail; a scan limited to fewer regions says over how many of the enabled regions it was evaluated.',
  },
  remediation: {
    text: 'Enable AWS Security Hub in every enabled region, preferably for all accounts at once from the Security Hub delegated administrator with central configuration.',
    cli: 'aws securityhub enable-security-hub --region <region> --enable-default-standards',
    cloudformation: 'AWS::SecurityHub::Hub {} in each region (for example with a StackSet)',
    terraform: 'resource "aws_securityhub_account" in each region',
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
  },
  categories: ['threat-detection', 'posture-management'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['5.16'] },
  requires: ['securityhub.hub'],
};
