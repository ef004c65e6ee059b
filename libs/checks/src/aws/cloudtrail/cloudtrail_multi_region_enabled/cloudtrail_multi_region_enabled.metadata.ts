import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'cloudtrail_multi_region_enabled',
  title: 'A multi-region CloudTrail trail is logging all management events',
  service: 'cloudtrail',
  scope: 'account',
  severity: 'high',
  resourceType: 'AwsAccount',
  description:
    'Checks that the account has at least one multi-region trail (its own or an organization trail) that is logging and records management events, both reads and writes, so API activity in every region is recorded.',
  risk: 'Without a trail covering every region, API activity in a region nobody watches — often the first place an attacker works — leaves no record for detection or investigation.',
  assessment: 'automated',
  rule: {
    apis: [
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetTrailStatus',
      'cloudtrail:GetEventSelectors',
    ],
    pass: 'Some trail listed in a scanned region (DescribeTrails with shadow trails) has IsMultiRegionTrail true, GetTrailStatus IsLogging true, and event selectors recording management events for reads and writes: a basic selector with IncludeManagementEvents true and ReadWriteType All (or a ReadOnly and a WriteOnly one), or advanced selectors with eventCategory equal to Management and no readOnly restriction (or one for each value). Management event sources left out (e.g. KMS) are listed in the evidence. Evaluated over the scanned regions; when the scan covers fewer than the enabled regions the message says so.',
    fail: 'No multi-region trail exists, or none of them is logging with management events recorded for both reads and writes; the evidence lists every multi-region trail with what it lacks.',
  },
  remediation: {
    text: 'Create a multi-region trail (or an organization trail from the management account), start logging, and keep the default event selector (management events, Read and Write).',
    cli: 'aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket> --is-multi-region-trail && aws cloudtrail start-logging --name <trail> && aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'',
    cloudformation:
      'AWS::CloudTrail::Trail with IsMultiRegionTrail: true, IsLogging: true and EventSelectors [{ReadWriteType: All, IncludeManagementEvents: true}]',
    terraform:
      'resource "aws_cloudtrail" with is_multi_region_trail = true, enable_logging = true and event_selector { read_write_type = "All", include_management_events = true }',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
  },
  categories: ['logging', 'forensics-ready'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.1'] },
  requires: ['cloudtrail.trails'],
};
