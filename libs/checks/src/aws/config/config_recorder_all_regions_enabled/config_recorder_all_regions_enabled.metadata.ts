import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'config_recorder_all_regions_enabled',
  title: 'AWS Config records all supported resources in every region',
  service: 'config',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsAccount',
  description:
    'Checks, in each scanned region, that an AWS Config configuration recorder records every supported resource type and is recording, so the configuration history of the account is kept everywhere.',
  risk: 'Without Config in a region, changes there leave no configuration history: nobody can tell what a resource looked like before an incident, or see drift from the baseline.',
  assessment: 'automated',
  rule: {
    apis: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
    pass: 'The region has a configuration recorder whose recording group has allSupported true (recording strategy ALL_SUPPORTED_RESOURCE_TYPES) and whose status has recording true and a last status other than FAILURE. Global resource types (IAM) need recording in one region only, so includeGlobalResourceTypes is evidence, not a condition.',
    fail: 'The region has no configuration recorder, or none that records all supported resource types, is recording, and has no failed last delivery; the message says which.',
    manual:
      'One result per scanned region (the benchmark’s "all regions" is every enabled region: a scan of fewer regions evaluates only those; regions not enabled are not evaluated).',
  },
  remediation: {
    text: 'In each region, create a configuration recorder that records all supported resource types, a delivery channel, and start the recorder (or deploy it to all regions with a CloudFormation StackSet or AWS Config’s organization setup).',
    cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true && aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket> && aws configservice start-configuration-recorder --configuration-recorder-name default',
    cloudformation:
      'AWS::Config::ConfigurationRecorder RecordingGroup: {AllSupported: true, IncludeGlobalResourceTypes: true} with an AWS::Config::DeliveryChannel, in every region (StackSet)',
    terraform:
      'resource "aws_config_configuration_recorder" recording_group { all_supported = true } with aws_config_delivery_channel and aws_config_configuration_recorder_status is_enabled = true, per region',
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html',
  },
  categories: ['logging', 'forensics-ready'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.3'] },
  requires: ['config.recorders'],
};
