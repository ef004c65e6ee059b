import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'rds_instance_storage_encrypted',
  title: 'RDS DB instances have encryption at rest enabled',
  service: 'rds',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  description:
    'Checks that every DB instance listed by the RDS API (RDS engines, Aurora, and the Neptune and DocumentDB instances that share the API) stores its data, logs, backups and snapshots encrypted with KMS.',
  risk: 'Unencrypted storage, backups and snapshots expose the database’s data to anyone who obtains the underlying storage or a shared snapshot.',
  assessment: 'automated',
  rule: {
    apis: ['rds:DescribeDBInstances'],
    pass: '`StorageEncrypted` is true (an Aurora instance reports its cluster’s encryption).',
    fail: '`StorageEncrypted` is false. Encryption cannot be turned on for an existing instance; the evidence gives the engine and status.',
  },
  remediation: {
    text: 'Take a snapshot, copy it with encryption (a KMS key), restore a new instance from the encrypted copy, and move clients to it; create new instances with storage encryption on.',
    cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>; aws rds restore-db-instance-from-db-snapshot --db-snapshot-identifier <snap>-enc --db-instance-identifier <new>',
    cloudformation: 'AWS::RDS::DBInstance StorageEncrypted: true (KmsKeyId optional)',
    terraform: 'resource "aws_db_instance" storage_encrypted = true',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
  },
  categories: ['encryption', 'data-protection'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.2.1'] },
  requires: ['rds.instances'],
};
