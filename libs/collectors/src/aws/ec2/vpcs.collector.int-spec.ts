// ec2.vpcs against moto: the default VPC and a created, tagged one.
import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { type Vpc } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.vpcs (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list the default VPC and created VPCs with CIDR and tags', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.20.0.0/16');
    await seed.ec2.send(
      new CreateTagsCommand({ Resources: [vpc], Tags: [{ Key: 'env', Value: 'prod' }] }),
    );

    const { snapshot } = await h.collect(['ec2.vpcs'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.vpcs', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.data.find((v) => v.vpcId === vpc)).toEqual<Vpc>({
      vpcId: vpc,
      arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:vpc/${vpc}`,
      cidrBlock: '10.20.0.0/16',
      isDefault: false,
      tags: { env: 'prod' },
    });
    expect(outcome.data.filter((v) => v.isDefault)).toHaveLength(1);
  });
});
