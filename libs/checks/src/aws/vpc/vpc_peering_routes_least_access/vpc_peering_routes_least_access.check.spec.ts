import { type Route, type RouteTable, type VpcPeeringConnection } from '../../../collected/ec2';
import { runCheck } from '../../../framework/check-kit';
import { arnOf, failedSnapshot, oneRegion, regionSnapshot } from '../../ec2/ec2-fixtures';
import { vpcPeeringRoutesLeastAccess as check } from './vpc_peering_routes_least_access.check';

const PCX: VpcPeeringConnection = {
  vpcPeeringConnectionId: 'pcx-1',
  arn: arnOf('vpc-peering-connection', 'pcx-1'),
  status: 'active',
  requester: { vpcId: 'vpc-app', cidrBlocks: ['10.1.0.0/16'], ipv6CidrBlocks: [] },
  accepter: {
    vpcId: 'vpc-shared',
    cidrBlocks: ['10.2.0.0/16', '100.64.0.0/24'],
    ipv6CidrBlocks: ['2001:db8:2::/56'],
  },
  tags: {},
};

const LOCAL: Route = { destinationCidrBlock: '10.1.0.0/16', gatewayId: 'local', state: 'active' };

function table(routeTableId: string, routes: Route[], vpcId = 'vpc-app'): RouteTable {
  return {
    routeTableId,
    arn: arnOf('route-table', routeTableId),
    vpcId,
    main: false,
    subnetIds: [],
    routes: [LOCAL, ...routes],
  };
}

function peering(destination: string, more: Partial<Route> = {}): Route {
  const key = destination.includes(':') ? 'destinationIpv6CidrBlock' : 'destinationCidrBlock';
  return { [key]: destination, vpcPeeringConnectionId: 'pcx-1', state: 'active', ...more };
}

function run(tables: RouteTable[], connections: VpcPeeringConnection[] = [PCX]) {
  return runCheck(
    check,
    regionSnapshot({ 'ec2.routeTables': tables, 'ec2.vpcPeeringConnections': connections }),
    oneRegion(),
  );
}

describe('vpc_peering_routes_least_access', () => {
  it('should PASS tables routing only peer subnets, on either side of the peering', () => {
    const results = run([
      table('rtb-app', [peering('10.2.4.0/24'), peering('2001:db8:2:10::/64')]),
      table('rtb-shared', [peering('10.1.8.0/22')], 'vpc-shared'),
      table('rtb-blackhole', [peering('0.0.0.0/0', { state: 'blackhole' })]),
    ]);
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:ec2:eu-west-1:111122223333:route-table/rtb-app', 'PASS'],
      ['arn:aws:ec2:eu-west-1:111122223333:route-table/rtb-shared', 'PASS'],
      ['arn:aws:ec2:eu-west-1:111122223333:route-table/rtb-blackhole', 'PASS'],
    ]);
    expect(results[1]?.evidence?.peeringRoutes).toEqual([
      {
        destination: '10.1.8.0/22',
        vpcPeeringConnectionId: 'pcx-1',
        peeringStatus: 'active',
        peerVpcId: 'vpc-app',
        peerCidrBlocks: ['10.1.0.0/16'],
        reach: 'subnet',
      },
    ]);
  });

  it('should FAIL a table routing more than the peer VPC (0.0.0.0/0, a supernet, outside ranges)', () => {
    const results = run([
      table('rtb-default', [peering('0.0.0.0/0')]),
      table('rtb-super', [peering('10.0.0.0/8'), peering('10.2.0.0/16')]),
      table('rtb-v6', [peering('::/0')]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(results[0]?.message).toBe(
      'Route table rtb-default of vpc-app in eu-west-1 of account 111122223333 routes beyond the peer VPC’s address ranges: 0.0.0.0/0 to pcx-1, peer VPC vpc-shared (10.2.0.0/16, 100.64.0.0/24)',
    );
    expect(results[2]?.message).toContain('::/0 to pcx-1, peer VPC vpc-shared (2001:db8:2::/56)');
  });

  it('should be MANUAL for whole-VPC routes, prefix lists and unknown peerings, with evidence', () => {
    const results = run([
      table('rtb-whole', [peering('10.2.0.0/16')]),
      table('rtb-pl', [{ destinationPrefixListId: 'pl-1', vpcPeeringConnectionId: 'pcx-1' }]),
      table('rtb-gone', [peering('10.9.1.0/24', { vpcPeeringConnectionId: 'pcx-old' })]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['MANUAL', 'MANUAL', 'MANUAL']);
    expect(results[0]?.evidence?.peeringRoutes).toEqual([
      expect.objectContaining({ destination: '10.2.0.0/16', reach: 'whole-vpc' }),
    ]);
    expect(results[1]?.evidence?.peeringRoutes).toEqual([
      expect.objectContaining({ destination: 'pl-1', reach: 'unknown' }),
    ]);
    expect(results[2]?.message).toContain(
      '10.9.1.0/24 to pcx-old, peer VPC unknown (CIDR blocks not visible)',
    );
  });

  it('should be one ERROR for the region when peering connections cannot be listed', () => {
    const results = runCheck(
      check,
      failedSnapshot('ec2.vpcPeeringConnections', { 'ec2.routeTables': [table('rtb-1', [])] }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing when no route table routes to a peering connection', () => {
    expect(run([table('rtb-1', [])], [])).toEqual([]);
  });
});
