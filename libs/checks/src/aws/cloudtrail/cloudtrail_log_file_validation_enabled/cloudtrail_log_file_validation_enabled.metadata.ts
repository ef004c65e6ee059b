import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'cloudtrail_log_file_validation_enabled',
  title: 'CloudTrail log file integrity validation is enabled',
  service: 'cloudtrail',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  description:
    'Checks that every trail of the account has log file integrity validation enabled, so CloudTrail writes signed digest files that prove whether a log file was changed or deleted after delivery.',
  risk: 'Without digest files, an intruder who reaches the log bucket can alter or remove log files and nobody can prove it.',
  assessment: 'automated',
  rule: {
    apis: ['cloudtrail:DescribeTrails'],
    pass: 'The trail has LogFileValidationEnabled true.',
    fail: 'The trail has LogFileValidationEnabled false.',
    manual:
      'Each trail is reported once, in its home region, by the account that owns it: a multi-region trail is not repeated in every region, and an organization trail is reported in the management account, not in each member.',
  },
  remediation: {
    text: 'Enable log file validation on the trail.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    cloudformation: 'AWS::CloudTrail::Trail EnableLogFileValidation: true',
    terraform: 'resource "aws_cloudtrail" enable_log_file_validation = true',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html',
  },
  categories: ['logging', 'forensics-ready'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.2'] },
  requires: ['cloudtrail.trails'],
};
