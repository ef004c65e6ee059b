import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'cloudtrail_bucket_access_logging_enabled',
  title: 'Server access logging is enabled on the CloudTrail S3 bucket',
  service: 'cloudtrail',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  description:
    'Checks, for every trail of the account, that the S3 bucket receiving its logs has server access logging enabled, so every request against the log files is itself recorded.',
  risk: 'Without access logs on the log bucket, reads, deletions and policy probing of the audit trail go unseen.',
  assessment: 'automated',
  rule: {
    apis: ['cloudtrail:DescribeTrails', 's3:ListAllMyBuckets', 's3:GetBucketLogging'],
    pass: 'The trail’s S3 bucket is one of the account’s buckets and GetBucketLogging returns a logging target.',
    fail: 'The trail’s S3 bucket is one of the account’s buckets and has no server access logging.',
    manual:
      'When the trail’s bucket is not one of the account’s buckets (a central log-archive account, typically), its logging cannot be read from this account: the result is MANUAL with the bucket name, and a person checks the bucket in the account that owns it (or the scan of that account reports it). Each trail is reported once, in its home region, by the account that owns it.',
  },
  remediation: {
    text: 'Enable server access logging on the CloudTrail bucket, delivering to a different bucket.',
    cli: 'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<trail-bucket>/"}}\'',
    cloudformation:
      'AWS::S3::Bucket LoggingConfiguration: {DestinationBucketName: <log-bucket>, LogFilePrefix: <prefix>}',
    terraform:
      'resource "aws_s3_bucket_logging" for the trail bucket with target_bucket = <log-bucket>',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
  },
  categories: ['logging', 'forensics-ready'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.4'] },
  requires: ['cloudtrail.trails', 's3.buckets'],
};
