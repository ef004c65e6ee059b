import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'rds_instance_not_publicly_accessible',
  title: 'RDS DB instances are not publicly accessible',
  service: 'rds',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsRdsDbInstance',
  description:
    'Checks that no DB instance listed by the RDS API is marked publicly accessible, which gives it a DNS name resolving to a public IP address.',
  risk: 'A publicly accessible instance in a subnet routed to an internet gateway can be reached from the internet; its security groups are then the only barrier against password guessing and engine exploits.',
  assessment: 'automated',
  rule: {
    apis: ['rds:DescribeDBInstances'],
    pass: '`PubliclyAccessible` is false.',
    fail: '`PubliclyAccessible` is true, whatever its subnets’ routes and security groups (they can change; the flag is the instance’s own exposure setting).',
  },
  remediation: {
    text: 'Turn off public accessibility for the instance, and reach it through the VPC (VPN, bastion, PrivateLink) instead.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately',
    cloudformation: 'AWS::RDS::DBInstance PubliclyAccessible: false',
    terraform: 'resource "aws_db_instance" publicly_accessible = false',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
  },
  categories: ['internet-exposed'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.2.3'] },
  requires: ['rds.instances'],
};
