import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'cloudtrail_kms_encryption_enabled',
  title: 'CloudTrail logs are encrypted at rest with a KMS key',
  service: 'cloudtrail',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  description:
    'Checks that every trail of the account encrypts its log files with a KMS key (SSE-KMS) rather than only the S3-managed default encryption.',
  risk: 'With SSE-S3 only, anyone who can read the log bucket reads the logs; a KMS key adds a second, separately audited permission (kms:Decrypt) between an intruder and the account’s activity record.',
  assessment: 'automated',
  rule: {
    apis: ['cloudtrail:DescribeTrails'],
    pass: 'The trail has a KmsKeyId.',
    fail: 'The trail has no KmsKeyId (its logs use S3-managed encryption only).',
    manual:
      'Each trail is reported once, in its home region, by the account that owns it (organization trails in the management account).',
  },
  remediation: {
    text: 'Create a customer-managed KMS key whose policy lets CloudTrail encrypt and your log readers decrypt, and configure the trail to use it.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>',
    cloudformation: 'AWS::CloudTrail::Trail KMSKeyId: <key-arn>',
    terraform: 'resource "aws_cloudtrail" kms_key_id = aws_kms_key.<name>.arn',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  },
  categories: ['logging', 'encryption'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.5'] },
  requires: ['cloudtrail.trails'],
};
