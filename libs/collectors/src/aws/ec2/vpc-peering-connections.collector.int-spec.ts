// ec2.vpcPeeringConnections against moto: an accepted peering between two VPCs, with the
// CIDR blocks of both sides.
import {
  AcceptVpcPeeringConnectionCommand,
  CreateVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2';
import { type VpcPeeringConnection } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.vpcPeeringConnections (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list peering connections with status and both sides', async () => {
    const seed = ec2Seed(h);
    const app = await seed.vpc('10.60.0.0/16');
    const shared = await seed.vpc('10.61.0.0/16');
    const created = await seed.ec2.send(
      new CreateVpcPeeringConnectionCommand({ VpcId: app, PeerVpcId: shared }),
    );
    const id = created.VpcPeeringConnection?.VpcPeeringConnectionId ?? '';
    await seed.ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));

    const { snapshot } = await h.collect(['ec2.vpcPeeringConnections'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.vpcPeeringConnections', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.data).toEqual<VpcPeeringConnection[]>([
      {
        vpcPeeringConnectionId: id,
        arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:vpc-peering-connection/${id}`,
        status: 'active',
        requester: {
          vpcId: app,
          ownerId: h.accountId,
          region: SEED_REGION,
          cidrBlocks: ['10.60.0.0/16'],
          ipv6CidrBlocks: [],
        },
        accepter: {
          vpcId: shared,
          ownerId: h.accountId,
          region: SEED_REGION,
          cidrBlocks: ['10.61.0.0/16'],
          ipv6CidrBlocks: [],
        },
        tags: {},
      },
    ]);
  });
});
