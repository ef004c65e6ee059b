import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'cloudfront_distribution_logging_enabled',
  title: 'CloudFront distributions have access logging enabled',
  service: 'cloudfront',
  scope: 'account',
  severity: 'medium',
  resourceType: 'AwsCloudFrontDistribution',
  description:
    'Checks that every CloudFront distribution logs the requests it serves, with standard logging (legacy, to an S3 bucket) or standard logging v2 (a CloudWatch Logs delivery to S3, CloudWatch Logs or Firehose).',
  risk: 'Without access logs, requests to the web front end — probing, credential stuffing, data scraping — cannot be investigated or correlated with the rest of the account’s activity.',
  assessment: 'automated',
  rule: {
    apis: [
      'cloudfront:ListDistributions',
      'cloudfront:GetDistributionConfig',
      'logs:DescribeDeliverySources',
      'logs:DescribeDeliveries',
    ],
    pass: 'The distribution’s configuration has Logging.Enabled true, or a CloudWatch Logs delivery source of type ACCESS_LOGS for the distribution (us-east-1) has at least one delivery.',
    fail: 'The distribution has neither legacy standard logging nor a standard logging v2 delivery.',
  },
  remediation: {
    text: 'Enable standard logging for the distribution (v2: a delivery source and delivery in us-east-1, or legacy: an S3 bucket in its configuration).',
    cli: 'aws logs put-delivery-source --region us-east-1 --name <dist-id>-access --log-type ACCESS_LOGS --resource-arn <distribution-arn> && aws logs create-delivery --region us-east-1 --delivery-source-name <dist-id>-access --delivery-destination-arn <destination-arn>',
    cloudformation:
      'AWS::CloudFront::Distribution DistributionConfig.Logging: {Bucket: <bucket>.s3.amazonaws.com, Prefix: <prefix>} (or AWS::Logs::DeliverySource + AWS::Logs::Delivery)',
    terraform:
      'resource "aws_cloudfront_distribution" logging_config { bucket = "<bucket>.s3.amazonaws.com" } (or aws_cloudwatch_log_delivery_source + aws_cloudwatch_log_delivery)',
    url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html',
  },
  categories: ['logging'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.10'] },
  requires: ['cloudfront.distributions'],
};
