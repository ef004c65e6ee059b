import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_instance_imdsv2_required',
  title: 'EC2 instances allow only IMDSv2 for the instance metadata service',
  service: 'ec2',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  description:
    'Checks that every EC2 instance (pending, running, stopping or stopped) of every scanned region requires session tokens for the instance metadata service (IMDSv2), or has the metadata service turned off.',
  risk: 'IMDSv1 answers any unauthenticated GET: a server-side request forgery or an open proxy on the instance lets an attacker read the role credentials from the metadata service.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeInstances'],
    pass: 'MetadataOptions.HttpTokens is required (IMDSv2 only), or MetadataOptions.HttpEndpoint is disabled (no metadata service at all).',
    fail: 'MetadataOptions.HttpTokens is optional while HttpEndpoint is enabled, so IMDSv1 answers. Instances shutting down or terminated are not judged.',
  },
  remediation: {
    text: 'Require IMDSv2 on the instance (after checking that its software and SDKs use tokens), and set IMDSv2 as the account default for new instances.',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled',
    cloudformation:
      'AWS::EC2::LaunchTemplate LaunchTemplateData.MetadataOptions: {HttpTokens: required, HttpEndpoint: enabled}',
    terraform: 'aws_instance { metadata_options { http_tokens = "required" } }',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
  },
  categories: ['identity-and-access', 'secrets'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.7'] },
  requires: ['ec2.instances'],
};
