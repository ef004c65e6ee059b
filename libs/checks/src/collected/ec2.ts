// Collected data of EC2 and VPC, per account × region.
import { type Outcome } from '../framework/outcome';

export interface Ec2Instance {
  instanceId: string;
  arn: string;
  /** pending | running | shutting-down | terminated | stopping | stopped */
  state: string;
  /** The instance profile ARN, when one is attached. */
  iamInstanceProfileArn?: string;
  metadataOptions: {
    /** `required` means IMDSv2 only (else `optional`). */
    httpTokens: string;
    /** `disabled` means no metadata service at all (else `enabled`). */
    httpEndpoint: string;
  };
  vpcId?: string;
  subnetId?: string;
  securityGroupIds: string[];
  publicIpAddress?: string;
  launchTime?: string;
  tags: Record<string, string>;
}

export interface Vpc {
  vpcId: string;
  arn: string;
  cidrBlock?: string;
  isDefault: boolean;
  tags: Record<string, string>;
}

export interface FlowLog {
  flowLogId: string;
  /** The VPC, subnet or network interface it logs. */
  resourceId: string;
  /** ALL | ACCEPT | REJECT */
  trafficType: string;
  /** ACTIVE when delivering. */
  flowLogStatus: string;
  deliverLogsStatus?: string;
  logDestinationType?: string;
}

/** One rule of a security group as DescribeSecurityGroups gives it (ingress or egress). */
export interface SecurityGroupPermission {
  /** `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all protocols) or another protocol number as text. */
  ipProtocol: string;
  /** Absent for all-protocol rules and protocols without ports. */
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  /** Security groups the rule references as source (ingress) or destination (egress). */
  referencedGroupIds: string[];
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  arn: string;
  vpcId?: string;
  description?: string;
  ingress: SecurityGroupPermission[];
  egress: SecurityGroupPermission[];
  tags: Record<string, string>;
}

export interface NetworkAclEntry {
  ruleNumber: number;
  /** A protocol number as text: `-1` all, `6` TCP, `17` UDP, `1` ICMP, `58` ICMPv6. */
  protocol: string;
  /** `allow` | `deny` */
  ruleAction: string;
  egress: boolean;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  /** Absent means every port (for TCP and UDP). */
  portRange?: { from: number; to: number };
}

export interface NetworkAcl {
  networkAclId: string;
  arn: string;
  vpcId?: string;
  isDefault: boolean;
  /** The subnets it is associated with. */
  subnetIds: string[];
  entries: NetworkAclEntry[];
  tags: Record<string, string>;
}

export interface Route {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  /** An internet gateway (`igw-`), virtual private gateway (`vgw-`) or `local`. */
  gatewayId?: string;
  egressOnlyInternetGatewayId?: string;
  natGatewayId?: string;
  transitGatewayId?: string;
  vpcPeeringConnectionId?: string;
  networkInterfaceId?: string;
  instanceId?: string;
  /** `active` | `blackhole` */
  state?: string;
}

export interface RouteTable {
  routeTableId: string;
  arn: string;
  vpcId?: string;
  /** Whether it is its VPC's main route table. */
  main: boolean;
  /** The subnets explicitly associated with it. */
  subnetIds: string[];
  routes: Route[];
}

/** One side of a peering connection. */
export interface PeeringVpcInfo {
  vpcId?: string;
  ownerId?: string;
  region?: string;
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
}

export interface VpcPeeringConnection {
  vpcPeeringConnectionId: string;
  arn: string;
  /** `active`, `pending-acceptance`, `deleted`, `rejected`, `failed`, `expired`, ... */
  status: string;
  requester: PeeringVpcInfo;
  accepter: PeeringVpcInfo;
  tags: Record<string, string>;
}

export interface VpcEndpoint {
  vpcEndpointId: string;
  arn: string;
  vpcId?: string;
  /** e.g. `com.amazonaws.eu-west-1.s3` */
  serviceName: string;
  /** `Gateway` | `Interface` | `GatewayLoadBalancer` | ... */
  vpcEndpointType: string;
  /** `available`, `pending`, `deleted`, ... (lower case as the API gives it) */
  state: string;
  routeTableIds: string[];
  subnetIds: string[];
}

export interface NetworkInterface {
  networkInterfaceId: string;
  vpcId?: string;
  subnetId?: string;
  /** `interface`, `lambda`, `nat_gateway`, `vpc_endpoint`, `network_load_balancer`, ... */
  interfaceType?: string;
  /** `in-use` when attached. */
  status?: string;
  groupIds: string[];
  /** The instance it is attached to, if any. */
  instanceId?: string;
  /** Whether an AWS service created and manages it. */
  requesterManaged: boolean;
  description?: string;
}

export interface EbsEncryptionByDefault {
  enabled: boolean;
  /**
   * The default KMS key of new volumes (`GetEbsDefaultKmsKeyId`), read only when encryption by
   * default is on; evidence only.
   */
  defaultKmsKeyId?: Outcome<string>;
}

export interface Ec2Regional {
  'ec2.instances': Ec2Instance[];
  'ec2.vpcs': Vpc[];
  'ec2.flowLogs': FlowLog[];
  'ec2.securityGroups': SecurityGroup[];
  'ec2.networkAcls': NetworkAcl[];
  'ec2.routeTables': RouteTable[];
  'ec2.vpcPeeringConnections': VpcPeeringConnection[];
  'ec2.vpcEndpoints': VpcEndpoint[];
  'ec2.networkInterfaces': NetworkInterface[];
  'ec2.ebsEncryptionByDefault': EbsEncryptionByDefault;
}
