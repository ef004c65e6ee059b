// ec2.vpcPeeringConnections: every peering connection the region's VPCs request or accept.
import {
  EC2Client,
  type VpcPeeringConnectionVpcInfo,
  paginateDescribeVpcPeeringConnections,
} from '@aws-sdk/client-ec2';
import { type PeeringVpcInfo, type VpcPeeringConnection } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { defined, tagsOf } from './ec2-shared';

function sideOf(info: VpcPeeringConnectionVpcInfo | undefined): PeeringVpcInfo {
  const cidrBlocks = defined((info?.CidrBlockSet ?? []).map((c) => c.CidrBlock));
  if (info?.CidrBlock !== undefined && !cidrBlocks.includes(info.CidrBlock)) {
    cidrBlocks.unshift(info.CidrBlock);
  }
  const side: PeeringVpcInfo = {
    cidrBlocks,
    ipv6CidrBlocks: defined((info?.Ipv6CidrBlockSet ?? []).map((c) => c.Ipv6CidrBlock)),
  };
  if (info?.VpcId !== undefined) side.vpcId = info.VpcId;
  if (info?.OwnerId !== undefined) side.ownerId = info.OwnerId;
  if (info?.Region !== undefined) side.region = info.Region;
  return side;
}

export const ec2VpcPeeringConnectionsCollector = defineCollector({
  key: 'ec2.vpcPeeringConnections',
  scope: 'regional',
  operations: ['ec2:DescribeVpcPeeringConnections'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const connections: VpcPeeringConnection[] = [];
    for await (const page of paginateDescribeVpcPeeringConnections({ client }, {})) {
      for (const c of page.VpcPeeringConnections ?? []) {
        const id = c.VpcPeeringConnectionId;
        if (id === undefined) continue;
        const requester = sideOf(c.RequesterVpcInfo);
        // The connection belongs to the requester's account and region.
        const owner = requester.ownerId ?? ctx.accountId;
        const region = requester.region ?? ctx.region;
        connections.push({
          vpcPeeringConnectionId: id,
          arn: `arn:${ctx.partition}:ec2:${region}:${owner}:vpc-peering-connection/${id}`,
          status: c.Status?.Code ?? 'unknown',
          requester,
          accepter: sideOf(c.AccepterVpcInfo),
          tags: tagsOf(c.Tags),
        });
      }
    }
    return connections;
  },
});
