import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'rds_instance_minor_version_upgrade_enabled',
  title: 'RDS DB instances have Auto Minor Version Upgrade enabled',
  service: 'rds',
  scope: 'region',
  severity: 'low',
  resourceType: 'AwsRdsDbInstance',
  description:
    'Checks that every DB instance listed by the RDS API receives minor engine versions (security and bug fixes) automatically during its maintenance window.',
  risk: 'Without automatic minor upgrades, known vulnerabilities fixed in newer minor engine versions stay open until someone upgrades by hand.',
  assessment: 'automated',
  rule: {
    apis: ['rds:DescribeDBInstances'],
    pass: '`AutoMinorVersionUpgrade` is true.',
    fail: '`AutoMinorVersionUpgrade` is false; the evidence gives the engine version.',
  },
  remediation: {
    text: 'Turn on Auto Minor Version Upgrade for the instance (applied in its maintenance window).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately',
    cloudformation: 'AWS::RDS::DBInstance AutoMinorVersionUpgrade: true',
    terraform: 'resource "aws_db_instance" auto_minor_version_upgrade = true',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
  },
  categories: ['vulnerability-management'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.2.2'] },
  requires: ['rds.instances'],
};
