// ec2.vpcEndpoints against moto: an S3 gateway endpoint on a route table and an interface
// endpoint in a subnet.
import {
  CreateRouteTableCommand,
  CreateVpcEndpointCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.vpcEndpoints (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list endpoints with service, type, state, route tables and subnets', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.80.0.0/16');
    const subnet = await seed.subnet(vpc, '10.80.1.0/24');
    const table = await seed.ec2.send(new CreateRouteTableCommand({ VpcId: vpc }));
    const tableId = table.RouteTable?.RouteTableId ?? '';
    const gateway = await seed.ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc,
        ServiceName: `com.amazonaws.${SEED_REGION}.s3`,
        VpcEndpointType: 'Gateway',
        RouteTableIds: [tableId],
      }),
    );
    const iface = await seed.ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpc,
        ServiceName: `com.amazonaws.${SEED_REGION}.ssm`,
        VpcEndpointType: 'Interface',
        SubnetIds: [subnet],
      }),
    );
    const gatewayId = gateway.VpcEndpoint?.VpcEndpointId ?? '';
    const ifaceId = iface.VpcEndpoint?.VpcEndpointId ?? '';
    const raw = await seed.ec2.send(new DescribeVpcEndpointsCommand({}));
    const rawState = raw.VpcEndpoints?.find((e) => e.VpcEndpointId === gatewayId)?.State ?? '';

    const { snapshot } = await h.collect(['ec2.vpcEndpoints'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.vpcEndpoints', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const byId = new Map(outcome.data.map((e) => [e.vpcEndpointId, e]));
    expect(byId.get(gatewayId)).toEqual({
      vpcEndpointId: gatewayId,
      arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:vpc-endpoint/${gatewayId}`,
      vpcId: vpc,
      serviceName: `com.amazonaws.${SEED_REGION}.s3`,
      vpcEndpointType: 'Gateway',
      state: rawState.toLowerCase(),
      routeTableIds: [tableId],
      subnetIds: [],
    });
    expect(byId.get(ifaceId)).toMatchObject({
      vpcId: vpc,
      serviceName: `com.amazonaws.${SEED_REGION}.ssm`,
      vpcEndpointType: 'Interface',
      routeTableIds: [],
      subnetIds: [subnet],
    });
    expect(outcome.data).toHaveLength(2);
  });
});
