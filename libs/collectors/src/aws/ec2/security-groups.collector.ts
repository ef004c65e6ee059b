// ec2.securityGroups: every security group of the region with its ingress and egress rules.
import { EC2Client, type IpPermission, paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { type SecurityGroup, type SecurityGroupPermission } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { defined, ec2Arn, tagsOf } from './ec2-shared';

function permissionOf(p: IpPermission): SecurityGroupPermission {
  const permission: SecurityGroupPermission = {
    ipProtocol: p.IpProtocol ?? '-1',
    ipv4Ranges: defined((p.IpRanges ?? []).map((r) => r.CidrIp)),
    ipv6Ranges: defined((p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)),
    prefixListIds: defined((p.PrefixListIds ?? []).map((r) => r.PrefixListId)),
    referencedGroupIds: defined((p.UserIdGroupPairs ?? []).map((r) => r.GroupId)),
  };
  if (p.FromPort !== undefined) permission.fromPort = p.FromPort;
  if (p.ToPort !== undefined) permission.toPort = p.ToPort;
  return permission;
}

export const ec2SecurityGroupsCollector = defineCollector({
  key: 'ec2.securityGroups',
  scope: 'regional',
  operations: ['ec2:DescribeSecurityGroups'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const groups: SecurityGroup[] = [];
    for await (const page of paginateDescribeSecurityGroups({ client }, {})) {
      for (const g of page.SecurityGroups ?? []) {
        if (g.GroupId === undefined) continue;
        const group: SecurityGroup = {
          groupId: g.GroupId,
          groupName: g.GroupName ?? g.GroupId,
          arn: ec2Arn(ctx, 'security-group', g.GroupId),
          ingress: (g.IpPermissions ?? []).map(permissionOf),
          egress: (g.IpPermissionsEgress ?? []).map(permissionOf),
          tags: tagsOf(g.Tags),
        };
        if (g.VpcId !== undefined) group.vpcId = g.VpcId;
        if (g.Description !== undefined) group.description = g.Description;
        groups.push(group);
      }
    }
    return groups;
  },
});
