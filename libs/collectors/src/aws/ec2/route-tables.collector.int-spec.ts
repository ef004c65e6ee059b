// ec2.routeTables against moto: a VPC's main table and a custom table with subnet association,
// an internet route and a route to a peering connection.
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2';
import { type RouteTable } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.routeTables (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list route tables with main flag, subnets and routes', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.70.0.0/16');
    const peer = await seed.vpc('10.71.0.0/16');
    const subnet = await seed.subnet(vpc, '10.70.1.0/24');
    const igw = await seed.ec2.send(new CreateInternetGatewayCommand({}));
    const igwId = igw.InternetGateway?.InternetGatewayId ?? '';
    await seed.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpc }));
    const pcx = await seed.ec2.send(
      new CreateVpcPeeringConnectionCommand({ VpcId: vpc, PeerVpcId: peer }),
    );
    const pcxId = pcx.VpcPeeringConnection?.VpcPeeringConnectionId ?? '';
    const table = await seed.ec2.send(new CreateRouteTableCommand({ VpcId: vpc }));
    const tableId = table.RouteTable?.RouteTableId ?? '';
    await seed.ec2.send(
      new AssociateRouteTableCommand({ RouteTableId: tableId, SubnetId: subnet }),
    );
    await seed.ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igwId,
      }),
    );
    await seed.ec2.send(
      new CreateRouteCommand({
        RouteTableId: tableId,
        DestinationCidrBlock: '10.71.0.0/16',
        VpcPeeringConnectionId: pcxId,
      }),
    );

    const { snapshot } = await h.collect(['ec2.routeTables'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.routeTables', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const custom = outcome.data.find((t) => t.routeTableId === tableId);
    expect(custom).toEqual<RouteTable>({
      routeTableId: tableId,
      arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:route-table/${tableId}`,
      vpcId: vpc,
      main: false,
      subnetIds: [subnet],
      routes: expect.any(Array) as RouteTable['routes'],
    });
    expect(custom?.routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ destinationCidrBlock: '10.70.0.0/16', gatewayId: 'local' }),
        expect.objectContaining({ destinationCidrBlock: '0.0.0.0/0', gatewayId: igwId }),
        expect.objectContaining({
          destinationCidrBlock: '10.71.0.0/16',
          vpcPeeringConnectionId: pcxId,
        }),
      ]),
    );
    const main = outcome.data.filter((t) => t.vpcId === vpc && t.main);
    expect(main).toHaveLength(1);
    expect(main[0]?.subnetIds).toEqual([]);
  });
});
