// ec2.vpcs: every VPC of the region.
import { EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { type Vpc } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { ec2Arn, tagsOf } from './ec2-shared';

export const ec2VpcsCollector = defineCollector({
  key: 'ec2.vpcs',
  scope: 'regional',
  operations: ['ec2:DescribeVpcs'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const vpcs: Vpc[] = [];
    for await (const page of paginateDescribeVpcs({ client }, {})) {
      for (const v of page.Vpcs ?? []) {
        if (v.VpcId === undefined) continue;
        const vpc: Vpc = {
          vpcId: v.VpcId,
          arn: ec2Arn(ctx, 'vpc', v.VpcId),
          isDefault: v.IsDefault === true,
          tags: tagsOf(v.Tags),
        };
        if (v.CidrBlock !== undefined) vpc.cidrBlock = v.CidrBlock;
        vpcs.push(vpc);
      }
    }
    return vpcs;
  },
});
