import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'accessanalyzer_enabled',
  title: 'IAM Access Analyzer for external access is enabled in every region',
  service: 'accessanalyzer',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsAccessAnalyzer',
  description:
    'Checks, in each scanned region, that the account has an active IAM Access Analyzer external access analyzer (of type ACCOUNT or ORGANIZATION).',
  risk: 'Without an external access analyzer, resources shared outside the account or organization (buckets, roles, keys, queues, secrets and more) are not reported in that region.',
  assessment: 'automated',
  rule: {
    apis: ['access-analyzer:ListAnalyzers'],
    pass: 'ListAnalyzers lists an analyzer of type ACCOUNT or ORGANIZATION whose status is ACTIVE in the region.',
    fail: 'No such analyzer in the region: none, only unused or internal access analyzers, or only ones CREATING, DISABLED or FAILED (the evidence lists them with their status reason). An organization analyzer lives in the management or delegated administrator account and is not listed in member accounts, which then fail as the benchmark audits each account. Regions that are not enabled for the account are not scanned and never fail; a scan limited to fewer regions says over how many of the enabled regions it was evaluated.',
  },
  remediation: {
    text: 'Create an external access analyzer (zone of trust: the account, or the organization from the delegated administrator) in every enabled region.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region <region>',
    cloudformation:
      'AWS::AccessAnalyzer::Analyzer {Type: ACCOUNT} in each region (for example with a StackSet)',
    terraform:
      'resource "aws_accessanalyzer_analyzer" with analyzer_type = "ACCOUNT" in each region',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
  },
  categories: ['identity-access', 'internet-exposed'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.18'] },
  requires: ['accessanalyzer.analyzers'],
};
