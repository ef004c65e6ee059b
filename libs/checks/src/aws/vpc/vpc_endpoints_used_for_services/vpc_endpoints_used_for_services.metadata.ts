import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'vpc_endpoints_used_for_services',
  title: 'VPCs with workloads reach AWS services through VPC endpoints',
  service: 'vpc',
  scope: 'region',
  severity: 'low',
  resourceType: 'AwsEc2Vpc',
  description:
    'Checks every VPC of every scanned region: a VPC with workloads (network interfaces in use) should reach the AWS services it calls through VPC endpoints (gateway endpoints for S3 and DynamoDB, interface endpoints for other services) instead of over the internet.',
  risk: 'Without endpoints, calls to AWS services leave the VPC through internet or NAT gateways: the traffic crosses the public network, needs internet egress from private subnets, and cannot be limited by endpoint policies.',
  assessment: 'manual',
  rule: {
    apis: [
      'ec2:DescribeVpcs',
      'ec2:DescribeVpcEndpoints',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeRouteTables',
    ],
    pass: 'The VPC has no workload network interfaces in use (interfaces of VPC endpoints, NAT gateways, transit gateway attachments and gateway load balancer endpoints do not count), so nothing in it calls AWS services.',
    fail: 'The VPC has workload network interfaces in use and no VPC endpoint in the available state.',
    manual:
      'MANUAL when the VPC has workloads and at least one available endpoint: the evidence lists the endpoints by service and type, the workload interfaces by type, and the routes to internet or NAT gateways (the way calls to services without an endpoint leave the VPC); a person decides whether every AWS service the workloads call has an endpoint.',
  },
  remediation: {
    text: 'Create gateway endpoints for S3 and DynamoDB on the route tables of the workload subnets, and interface endpoints for the other AWS services the workloads call (for example SSM, ECR, CloudWatch Logs, STS, KMS), with endpoint policies limiting access.',
    cli: 'aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb-ids>',
    cloudformation:
      'AWS::EC2::VPCEndpoint {VpcId, ServiceName: !Sub com.amazonaws.${AWS::Region}.s3, VpcEndpointType: Gateway, RouteTableIds}',
    terraform:
      'aws_vpc_endpoint { vpc_id, service_name = "com.amazonaws.<region>.s3", vpc_endpoint_type = "Gateway", route_table_ids }',
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/concepts.html',
  },
  categories: ['network-security'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.8'] },
  requires: ['ec2.vpcs', 'ec2.vpcEndpoints', 'ec2.networkInterfaces', 'ec2.routeTables'],
};
