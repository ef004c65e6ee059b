import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'organizations_management_account_no_workloads',
  title: 'The organization’s management account runs no workloads',
  service: 'organizations',
  scope: 'organization',
  severity: 'medium',
  resourceType: 'AwsOrganizationsAccount',
  description:
    'Inventories compute and data resources in the organization’s management account over the scanned regions: EC2 instances, Lambda functions, RDS instances, ECS clusters with tasks or services, and S3 buckets that are not evidently for logs or infrastructure state.',
  risk: 'SCPs and RCPs never restrict the management account, and whoever controls it controls every account of the organization. Workloads there widen who needs access to it and expose it to application vulnerabilities with nothing above to contain them.',
  assessment: 'automated',
  rule: {
    apis: [
      'ec2:DescribeInstances',
      'lambda:ListFunctions',
      'rds:DescribeDBInstances',
      'ecs:ListClusters',
      'ecs:DescribeClusters',
      's3:ListAllMyBuckets',
      's3:GetBucketTagging',
      's3:GetBucketLogging',
    ],
    pass: 'The management account has, in every scanned region, no EC2 instance other than terminated or shutting-down ones, no Lambda function except AWS Control Tower’s (`aws-controltower-*`), no RDS instance (other than one being deleted), no ECS cluster with running or pending tasks or active services, and no S3 bucket except logging and state buckets. A bucket counts as logging or state when its name contains `cloudtrail`, `awsconfig`, `aws-config`, `config-bucket`, `tfstate`, `tf-state` or `terraform-state`, has a name part (split on `-`, `.`, `_`) `log`, `logs`, `logging`, `accesslogs`, `auditlogs` or `terraform`, starts with `cf-templates-` (CloudFormation templates) or is a CDK bootstrap bucket (`cdk-*-assets-*`); when a tag value is `logging`, `logs`, `log-archive`, `access-logs`, `audit-logs`, `cloudtrail`, `config`, `terraform-state` or `tfstate` (any case); or when another bucket delivers its server access logs to it. One result for the management account.',
    fail: 'Any such resource exists; the message counts them by kind and the evidence lists them (up to 25 per kind) with their regions, and lists the buckets left out as logging or state with the reason. When the scan covers fewer than all enabled regions the message says so. ERROR when no workload was found but a bucket that no name rule excludes has unreadable tags. MANUAL when the organization job ran in a delegated-administrator account, whose resources are not the management account’s.',
  },
  remediation: {
    text: 'Move workloads out of the management account into member accounts under OUs with guardrails, and keep only organization administration, billing and the organization’s own trails or state there.',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html',
  },
  categories: ['governance'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.1.3'] },
  requires: ['ec2.instances', 'lambda.functions', 'rds.instances', 'ecs.clusters', 's3.buckets'],
};
