import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'cloudtrail_s3_data_events_write_enabled',
  title: 'Object-level logging of write events is enabled for all S3 buckets',
  service: 'cloudtrail',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsAccount',
  description:
    'Checks that CloudTrail records S3 object-level (data) write events (PutObject, DeleteObject) for every bucket of the account, in every scanned region.',
  risk: 'Without object-level write events nobody can tell who uploaded, overwrote or deleted an object — the first question after ransomware or tampering.',
  assessment: 'automated',
  rule: {
    apis: [
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetTrailStatus',
      'cloudtrail:GetEventSelectors',
    ],
    pass: 'In every scanned region, a trail listed there (a multi-region or organization trail, or a trail homed in the region) is logging and records write data events for all buckets: a basic event selector with ReadWriteType All or WriteOnly and a data resource of type AWS::S3::Object with value arn:<partition>:s3 or arn:<partition>:s3:::, or an advanced event selector with eventCategory Data, resources.type AWS::S3::Object, no resources.ARN restriction (other than starting with arn:<partition>:s3:::), no condition on other fields, and readOnly absent or false. Evaluated over the scanned regions; a scan of fewer than the enabled regions says so.',
    fail: 'In some scanned region no logging trail records write data events for all buckets; the evidence lists those regions.',
  },
  remediation: {
    text: 'On a multi-region trail, add an event selector recording write data events for all S3 buckets.',
    cli: 'aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors \'[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 objects","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]\'',
    cloudformation:
      'AWS::CloudTrail::Trail EventSelectors: [{ReadWriteType: All, IncludeManagementEvents: true, DataResources: [{Type: AWS::S3::Object, Values: ["arn:aws:s3"]}]}]',
    terraform:
      'resource "aws_cloudtrail" event_selector { read_write_type = "All", data_resource { type = "AWS::S3::Object", values = ["arn:aws:s3"] } }',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html',
  },
  categories: ['logging', 'forensics-ready'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.8'] },
  requires: ['cloudtrail.trails'],
};
