// The ec2 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { ec2EbsEncryptionByDefaultCollector } from './ebs-encryption-by-default.collector';
import { ec2FlowLogsCollector } from './flow-logs.collector';
import { ec2InstancesCollector } from './instances.collector';
import { ec2NetworkAclsCollector } from './network-acls.collector';
import { ec2NetworkInterfacesCollector } from './network-interfaces.collector';
import { ec2RouteTablesCollector } from './route-tables.collector';
import { ec2SecurityGroupsCollector } from './security-groups.collector';
import { ec2VpcEndpointsCollector } from './vpc-endpoints.collector';
import { ec2VpcPeeringConnectionsCollector } from './vpc-peering-connections.collector';
import { ec2VpcsCollector } from './vpcs.collector';

export const ec2Collectors: readonly CollectorDefinition[] = [
  ec2InstancesCollector,
  ec2VpcsCollector,
  ec2FlowLogsCollector,
  ec2SecurityGroupsCollector,
  ec2NetworkAclsCollector,
  ec2RouteTablesCollector,
  ec2VpcPeeringConnectionsCollector,
  ec2VpcEndpointsCollector,
  ec2NetworkInterfacesCollector,
  ec2EbsEncryptionByDefaultCollector,
];

/** Every EC2 operation above is authorised by the IAM action of the same name. */
export const ec2Actions: OperationActions = {
  'ec2:DescribeInstances': ['ec2:DescribeInstances'],
  'ec2:DescribeVpcs': ['ec2:DescribeVpcs'],
  'ec2:DescribeFlowLogs': ['ec2:DescribeFlowLogs'],
  'ec2:DescribeSecurityGroups': ['ec2:DescribeSecurityGroups'],
  'ec2:DescribeNetworkAcls': ['ec2:DescribeNetworkAcls'],
  'ec2:DescribeRouteTables': ['ec2:DescribeRouteTables'],
  'ec2:DescribeVpcPeeringConnections': ['ec2:DescribeVpcPeeringConnections'],
  'ec2:DescribeVpcEndpoints': ['ec2:DescribeVpcEndpoints'],
  'ec2:DescribeNetworkInterfaces': ['ec2:DescribeNetworkInterfaces'],
  'ec2:GetEbsEncryptionByDefault': ['ec2:GetEbsEncryptionByDefault'],
  'ec2:GetEbsDefaultKmsKeyId': ['ec2:GetEbsDefaultKmsKeyId'],
};
