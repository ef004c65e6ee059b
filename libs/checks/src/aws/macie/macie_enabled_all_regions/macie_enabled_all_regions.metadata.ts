import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'macie_enabled_all_regions',
  title: 'Amazon Macie is enabled in every region to discover and classify S3 data',
  service: 'macie',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsAccount',
  description:
    'Checks that Amazon Macie, which discovers and classifies sensitive data in S3, is enabled (not suspended) in every region the scan covers. CIS marks the requirement Manual because another data-classification tool may be used instead; Macie’s status is what an API can decide.',
  risk: 'Without data discovery and classification, sensitive data stored in S3 goes unnoticed and cannot be given the protection it needs.',
  assessment: 'automated',
  rule: {
    apis: ['macie2:GetMacieSession'],
    pass: 'In every scanned region, `GetMacieSession` reports status `ENABLED`. Evaluated over the scanned regions; a scan limited to fewer than the enabled regions says so, and regions not enabled for the account are listed in the evidence, not failed.',
    fail: 'In at least one scanned region Macie is not enabled (AWS answers `AccessDeniedException` "Macie is not enabled.") or is `PAUSED` (suspended); the evidence gives the status per region. An account that classifies its S3 data with another tool fails this check: record that decision as a suppression with its reason. Any other error (a real AccessDenied) is an ERROR.',
  },
  remediation: {
    text: 'Enable Amazon Macie in every region (from the organization’s delegated Macie administrator for all accounts), and turn on automated sensitive data discovery or classification jobs for the buckets.',
    cli: 'aws macie2 enable-macie --region <region> (in every region); aws macie2 update-automated-discovery-configuration --status ENABLED',
    cloudformation: 'AWS::Macie::Session {Status: ENABLED} in every region (StackSets)',
    terraform: 'resource "aws_macie2_account" in every region (one provider alias per region)',
    url: 'https://docs.aws.amazon.com/macie/latest/user/getting-started.html',
  },
  categories: ['data-protection'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.1.3'] },
  requires: ['macie.status'],
};
