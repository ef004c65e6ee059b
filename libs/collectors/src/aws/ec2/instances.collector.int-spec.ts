// ec2.instances against moto: instances with and without a profile, metadata options, states.
import {
  CreateSecurityGroupCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { type Ec2Instance } from '@palisade/checks';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.instances (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list non-terminated instances with profile, metadata options, network and tags', async () => {
    const seed = ec2Seed(h);
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'app',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ec2.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    const profile = await iam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'app' }),
    );
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app', RoleName: 'app' }),
    );
    const image = await seed.image();
    const vpc = await seed.vpc('10.10.0.0/16');
    const subnet = await seed.subnet(vpc, '10.10.1.0/24');
    const run = async (extra: Partial<ConstructorParameters<typeof RunInstancesCommand>[0]>) => {
      const out = await seed.ec2.send(
        new RunInstancesCommand({
          ImageId: image,
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnet,
          ...extra,
        }),
      );
      const id = out.Instances?.[0]?.InstanceId;
      if (id === undefined) throw new Error('moto ran no instance');
      return id;
    };
    const sg = await seed.ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }),
    );
    const group = sg.GroupId ?? '';
    const withProfile = await run({
      SecurityGroupIds: [group],
      IamInstanceProfile: { Arn: profile.InstanceProfile?.Arn },
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }] }],
    });
    const bare = await run({ MetadataOptions: { HttpEndpoint: 'disabled' } });
    const stopped = await run({});
    await seed.ec2.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
    const terminated = await run({});
    await seed.ec2.send(new TerminateInstancesCommand({ InstanceIds: [terminated] }));

    const { snapshot } = await h.collect(['ec2.instances'], [SEED_REGION, 'us-east-1']);
    const outcome = snapshot.regional('ec2.instances', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const byId = new Map(outcome.data.map((i) => [i.instanceId, i]));
    expect([...byId.keys()].sort()).toEqual([withProfile, bare, stopped].sort());
    expect(byId.get(withProfile)).toEqual<Ec2Instance>({
      instanceId: withProfile,
      arn: `arn:aws:ec2:${SEED_REGION}:${h.accountId}:instance/${withProfile}`,
      state: 'running',
      iamInstanceProfileArn: profile.InstanceProfile?.Arn,
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
      vpcId: vpc,
      subnetId: subnet,
      securityGroupIds: [group],
      launchTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      tags: { Name: 'web' },
    });
    expect(byId.get(bare)).toMatchObject({
      metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' },
    });
    expect(byId.get(bare)?.iamInstanceProfileArn).toBeUndefined();
    expect(byId.get(stopped)?.state).toBe('stopped');
    expect(snapshot.regional('ec2.instances', 'us-east-1')).toEqual({ ok: true, data: [] });
  });
});
