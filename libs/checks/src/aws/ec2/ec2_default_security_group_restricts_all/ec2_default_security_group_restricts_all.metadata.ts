import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'ec2_default_security_group_restricts_all',
  title: 'The default security group of every VPC restricts all traffic',
  service: 'ec2',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEc2SecurityGroup',
  description:
    'Checks that the default security group of every VPC in every scanned region has no inbound and no outbound rules, so resources launched without a chosen group get no network access by accident.',
  risk: 'Resources land in the default group whenever no group is named; its stock rules let every member talk to every other and reach anywhere, which defeats least-privilege network design.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces'],
    pass: 'The VPC’s security group named "default" has no inbound and no outbound rules.',
    fail: 'The default group has at least one inbound or outbound rule; the evidence lists the rules and the network interfaces that currently use the group (to move them to purpose-built groups before removing the rules).',
  },
  remediation: {
    text: 'Move the resources that use the default group to least-privilege groups, then remove every inbound and outbound rule of the default group.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions <rules>; aws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions <rules>',
    cloudformation:
      'Not manageable as a resource: remove the rules with the CLI or AWS Config remediation (vpc-default-security-group-closed)',
    terraform:
      'resource "aws_default_security_group" "default" { vpc_id = <vpc> } with no ingress or egress blocks',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  },
  categories: ['network-security'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.5'] },
  requires: ['ec2.securityGroups', 'ec2.networkInterfaces'],
};
