import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'rds_instance_multi_az_enabled',
  title: 'RDS DB instances use a Multi-AZ deployment',
  service: 'rds',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  description:
    'Checks that every DB instance that is not a member of a DB cluster runs as a Multi-AZ deployment (a standby in another Availability Zone). Cluster members are judged with their cluster by rds_cluster_multi_az_enabled. CIS marks the requirement Manual because a person decides which databases need high availability; whether Multi-AZ is used is decided by the API, so Palisade reports it per instance.',
  risk: 'A Single-AZ instance is unavailable while its Availability Zone, host or storage fails, and during some maintenance, until it is restored or replaced.',
  assessment: 'automated',
  rule: {
    apis: ['rds:DescribeDBInstances'],
    pass: 'The instance has no `DBClusterIdentifier` and `MultiAZ` is true.',
    fail: 'The instance has no `DBClusterIdentifier` and `MultiAZ` is false. Databases that deliberately run in one zone (development, engines or editions without Multi-AZ) fail too: record that decision as a suppression with its reason.',
  },
  remediation: {
    text: 'Convert the instance to a Multi-AZ deployment (a standby is created in another zone; plan for the brief I/O impact).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --multi-az --apply-immediately',
    cloudformation: 'AWS::RDS::DBInstance MultiAZ: true',
    terraform: 'resource "aws_db_instance" multi_az = true',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
  },
  categories: ['resilience'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.2.4'] },
  requires: ['rds.instances'],
};
