// ec2.networkInterfaces against moto: an instance's interface (in use, attached) and a
// detached interface with a security group.
import {
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { type NetworkInterface } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.networkInterfaces (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list interfaces with VPC, subnet, status, groups and attachment', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.90.0.0/16');
    const subnet = await seed.subnet(vpc, '10.90.1.0/24');
    const sg = await seed.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'app', Description: 'app', VpcId: vpc }),
    );
    const groupId = sg.GroupId ?? '';
    const run = await seed.ec2.send(
      new RunInstancesCommand({
        ImageId: await seed.image(),
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        SecurityGroupIds: [groupId],
      }),
    );
    const instanceId = run.Instances?.[0]?.InstanceId ?? '';
    const detached = await seed.ec2.send(
      new CreateNetworkInterfaceCommand({
        SubnetId: subnet,
        Groups: [groupId],
        Description: 'spare',
      }),
    );
    const detachedId = detached.NetworkInterface?.NetworkInterfaceId ?? '';

    const { snapshot } = await h.collect(['ec2.networkInterfaces'], [SEED_REGION]);
    const outcome = snapshot.regional('ec2.networkInterfaces', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const inVpc = outcome.data.filter((n) => n.vpcId === vpc);
    expect(inVpc).toHaveLength(2);
    expect(inVpc.find((n) => n.instanceId === instanceId)).toMatchObject<Partial<NetworkInterface>>(
      {
        subnetId: subnet,
        status: 'in-use',
        groupIds: [groupId],
        requesterManaged: false,
      },
    );
    expect(inVpc.find((n) => n.networkInterfaceId === detachedId)).toMatchObject<
      Partial<NetworkInterface>
    >({
      subnetId: subnet,
      status: 'available',
      groupIds: [groupId],
      description: 'spare',
    });
  });
});
