import { type RouteTable, type Vpc, type VpcEndpoint } from '../../../collected/ec2';
import { runCheck } from '../../../framework/check-kit';
import {
  arnOf,
  failedSnapshot,
  networkInterface,
  oneRegion,
  regionSnapshot,
} from '../../ec2/ec2-fixtures';
import { vpcEndpointsUsedForServices as check } from './vpc_endpoints_used_for_services.check';

function vpc(vpcId: string, isDefault = false): Vpc {
  return { vpcId, arn: arnOf('vpc', vpcId), cidrBlock: '10.0.0.0/16', isDefault, tags: {} };
}

function endpoint(
  vpcEndpointId: string,
  service: string,
  more: Partial<VpcEndpoint> = {},
): VpcEndpoint {
  return {
    vpcEndpointId,
    arn: arnOf('vpc-endpoint', vpcEndpointId),
    vpcId: 'vpc-1',
    serviceName: `com.amazonaws.eu-west-1.${service}`,
    vpcEndpointType: service === 's3' ? 'Gateway' : 'Interface',
    state: 'available',
    routeTableIds: [],
    subnetIds: [],
    ...more,
  };
}

const NAT_TABLE: RouteTable = {
  routeTableId: 'rtb-1',
  arn: arnOf('route-table', 'rtb-1'),
  vpcId: 'vpc-1',
  main: true,
  subnetIds: [],
  routes: [
    { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' },
    { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-1', state: 'active' },
  ],
};

describe('vpc_endpoints_used_for_services', () => {
  it('should PASS a VPC without workloads, not counting endpoint and NAT interfaces or detached ones', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.vpcs': [vpc('vpc-1', true)],
        'ec2.vpcEndpoints': [],
        'ec2.networkInterfaces': [
          networkInterface('eni-nat', { interfaceType: 'nat_gateway' }),
          networkInterface('eni-vpce', { interfaceType: 'vpc_endpoint' }),
          networkInterface('eni-spare', { status: 'available' }),
        ],
        'ec2.routeTables': [],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1',
        resourceType: 'AwsEc2Vpc',
        message:
          'VPC vpc-1 (default) in eu-west-1 of account 111122223333 has no workload network interfaces in use, so nothing in it calls AWS services',
      }),
    ]);
  });

  it('should FAIL a VPC with workloads and no available endpoint, with its internet routes', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.vpcs': [vpc('vpc-1')],
        'ec2.vpcEndpoints': [endpoint('vpce-pending', 's3', { state: 'pending' })],
        'ec2.networkInterfaces': [
          networkInterface('eni-1', { instanceId: 'i-1' }),
          networkInterface('eni-2', { interfaceType: 'lambda' }),
        ],
        'ec2.routeTables': [NAT_TABLE],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        message:
          'VPC vpc-1 in eu-west-1 of account 111122223333 has 2 workload network interfaces in use and no VPC endpoint, so its calls to AWS services leave the VPC',
        evidence: {
          workloadInterfaces: 2,
          workloadInterfaceTypes: { interface: 1, lambda: 1 },
          endpoints: [],
          internetRoutes: [{ routeTableId: 'rtb-1', destination: '0.0.0.0/0', target: 'nat-1' }],
        },
      }),
    ]);
  });

  it('should be MANUAL with the endpoints by service when a VPC with workloads has some', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.vpcs': [vpc('vpc-1')],
        'ec2.vpcEndpoints': [
          endpoint('vpce-s3', 's3'),
          endpoint('vpce-ssm', 'ssm'),
          endpoint('vpce-other', 'kms', { vpcId: 'vpc-2' }),
        ],
        'ec2.networkInterfaces': [networkInterface('eni-1')],
        'ec2.routeTables': [NAT_TABLE],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        message:
          'VPC vpc-1 in eu-west-1 of account 111122223333 has 1 workload network interfaces and endpoints for s3, ssm: decide whether every AWS service its workloads call has an endpoint',
      }),
    ]);
    expect(results[0]?.evidence?.endpoints).toEqual([
      { vpcEndpointId: 'vpce-s3', service: 's3', type: 'Gateway' },
      { vpcEndpointId: 'vpce-ssm', service: 'ssm', type: 'Interface' },
    ]);
  });

  it('should be one ERROR for the region when endpoints cannot be listed', () => {
    const results = runCheck(
      check,
      failedSnapshot('ec2.vpcEndpoints', {
        'ec2.vpcs': [vpc('vpc-1')],
        'ec2.networkInterfaces': [],
        'ec2.routeTables': [],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing for a region without VPCs', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.vpcs': [],
        'ec2.vpcEndpoints': [],
        'ec2.networkInterfaces': [],
        'ec2.routeTables': [],
      }),
      oneRegion(),
    );
    expect(results).toEqual([]);
  });
});
