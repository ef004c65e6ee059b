import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'efs_file_system_encrypted',
  title: 'EFS file systems are encrypted at rest',
  service: 'efs',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEfsFileSystem',
  description:
    'Checks that every Amazon EFS file system encrypts its data and metadata at rest with KMS.',
  risk: 'An unencrypted file system keeps its files and metadata in plain form on the underlying storage, outside the access control and audit trail a KMS key gives.',
  assessment: 'automated',
  rule: {
    apis: ['elasticfilesystem:DescribeFileSystems'],
    pass: '`Encrypted` is true; the evidence gives the KMS key.',
    fail: '`Encrypted` is false. Encryption at rest can only be chosen when a file system is created, so the fix is a new encrypted file system.',
  },
  remediation: {
    text: 'Create a new file system with encryption at rest, copy the data to it (AWS DataSync, or an AWS Backup restore to a new encrypted file system), move clients to it and delete the old one.',
    cli: 'aws efs create-file-system --encrypted --kms-key-id <key> --creation-token <token>',
    cloudformation: 'AWS::EFS::FileSystem Encrypted: true (KmsKeyId optional)',
    terraform: 'resource "aws_efs_file_system" encrypted = true',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
  },
  categories: ['encryption', 'data-protection'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['3.3.1'] },
  requires: ['efs.fileSystems'],
};
