import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'vpc_flow_logs_enabled',
  title: 'VPC flow logging is enabled in every VPC',
  service: 'vpc',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEc2Vpc',
  description:
    'Checks that every VPC has an active flow log capturing at least rejected traffic (REJECT or ALL), so denied connection attempts in the network are recorded.',
  risk: 'Without flow logs, scanning, lateral movement and exfiltration attempts inside the network leave no record for detection or investigation.',
  assessment: 'automated',
  rule: {
    apis: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'],
    pass: 'A flow log whose resource is the VPC has FlowLogStatus ACTIVE, TrafficType REJECT or ALL, and a DeliverLogsStatus other than FAILED.',
    fail: 'No flow log of the VPC is active with TrafficType REJECT or ALL and delivering; the evidence lists the VPC’s flow logs (flow logs of its subnets or network interfaces only do not count).',
  },
  remediation: {
    text: 'Create a flow log for the VPC capturing REJECT (or ALL) traffic, to CloudWatch Logs or S3.',
    cli: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT --log-destination-type cloud-watch-logs --log-group-name <group> --deliver-logs-permission-arn <role-arn>',
    cloudformation:
      'AWS::EC2::FlowLog ResourceType: VPC, ResourceId: <vpc-id>, TrafficType: REJECT',
    terraform: 'resource "aws_flow_log" vpc_id = <vpc-id>, traffic_type = "REJECT"',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html',
  },
  categories: ['logging', 'forensics-ready'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.7'] },
  requires: ['ec2.vpcs', 'ec2.flowLogs'],
};
