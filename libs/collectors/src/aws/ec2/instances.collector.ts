// ec2.instances: every instance of the region that is not terminated.
import { EC2Client, type Instance, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { type Ec2Instance } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';
import { defined, ec2Arn, tagsOf } from './ec2-shared';

const NOT_TERMINATED = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];

function instanceOf(ctx: CollectorContext, i: Instance & { InstanceId: string }): Ec2Instance {
  const instance: Ec2Instance = {
    instanceId: i.InstanceId,
    arn: ec2Arn(ctx, 'instance', i.InstanceId),
    state: i.State?.Name ?? 'unknown',
    metadataOptions: {
      // AWS's defaults when the response leaves them out: IMDS on, tokens optional.
      httpTokens: i.MetadataOptions?.HttpTokens ?? 'optional',
      httpEndpoint: i.MetadataOptions?.HttpEndpoint ?? 'enabled',
    },
    securityGroupIds: defined((i.SecurityGroups ?? []).map((g) => g.GroupId)),
    tags: tagsOf(i.Tags),
  };
  if (i.IamInstanceProfile?.Arn !== undefined) {
    instance.iamInstanceProfileArn = i.IamInstanceProfile.Arn;
  }
  if (i.VpcId !== undefined) instance.vpcId = i.VpcId;
  if (i.SubnetId !== undefined) instance.subnetId = i.SubnetId;
  if (i.PublicIpAddress !== undefined) instance.publicIpAddress = i.PublicIpAddress;
  if (i.LaunchTime !== undefined) instance.launchTime = i.LaunchTime.toISOString();
  return instance;
}

export const ec2InstancesCollector = defineCollector({
  key: 'ec2.instances',
  scope: 'regional',
  operations: ['ec2:DescribeInstances'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const instances: Ec2Instance[] = [];
    const pages = paginateDescribeInstances(
      { client },
      { Filters: [{ Name: 'instance-state-name', Values: NOT_TERMINATED }] },
    );
    for await (const page of pages) {
      for (const reservation of page.Reservations ?? []) {
        for (const i of reservation.Instances ?? []) {
          if (i.InstanceId !== undefined && i.State?.Name !== 'terminated') {
            instances.push(instanceOf(ctx, { ...i, InstanceId: i.InstanceId }));
          }
        }
      }
    }
    return instances;
  },
});
