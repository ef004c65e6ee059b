import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'vpc_peering_routes_least_access',
  title: 'Route tables route only the needed address ranges to VPC peering connections',
  service: 'vpc',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsEc2RouteTable',
  description:
    'Checks every route table of every scanned region that routes to a VPC peering connection: each such route should send only the peer VPC’s subnets that need to be reached ("least access"), never more than the peer VPC’s address ranges.',
  risk: 'A peering route wider than needed lets every subnet of one VPC reach every host of the other; a compromise on one side then spreads across the peering without any further barrier.',
  assessment: 'manual',
  rule: {
    apis: ['ec2:DescribeRouteTables', 'ec2:DescribeVpcPeeringConnections'],
    pass: 'Every active route of the table to a peering connection has a destination strictly inside one of the peer VPC’s CIDR blocks (a subnet-sized range, not the whole VPC). Blackhole routes carry no traffic and are only listed.',
    fail: 'A route to a peering connection has a destination that is not inside the peer VPC’s CIDR blocks: wider than the peer VPC (for example 0.0.0.0/0, ::/0 or 10.0.0.0/8 for a 10.1.0.0/16 peer) or outside it.',
    manual:
      'MANUAL when a route sends the peer VPC’s whole CIDR block, targets a prefix list, or its peering connection (and so the peer’s CIDR blocks) is not visible: the evidence lists each peering route with its destination, the peer VPC and its CIDR blocks, and a person decides whether every subnet of the peer must be reachable from the subnets using the table.',
  },
  remediation: {
    text: 'Replace wide peering routes with routes to the specific peer subnets that the subnets using the table must reach, and split route tables where subnets need different peer access.',
    cli: 'aws ec2 delete-route --route-table-id <rtb-id> --destination-cidr-block <wide-cidr>; aws ec2 create-route --route-table-id <rtb-id> --destination-cidr-block <peer-subnet-cidr> --vpc-peering-connection-id <pcx-id>',
    cloudformation:
      'AWS::EC2::Route {RouteTableId, DestinationCidrBlock: <peer subnet CIDR>, VpcPeeringConnectionId}',
    terraform:
      'aws_route { route_table_id, destination_cidr_block = "<peer subnet CIDR>", vpc_peering_connection_id }',
    url: 'https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html',
  },
  categories: ['network-security'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['6.6'] },
  requires: ['ec2.routeTables', 'ec2.vpcPeeringConnections'],
};
