// ec2.networkAcls: every network ACL of the region with its entries and subnet associations.
import {
  EC2Client,
  type NetworkAclEntry as SdkNetworkAclEntry,
  paginateDescribeNetworkAcls,
} from '@aws-sdk/client-ec2';
import { type NetworkAcl, type NetworkAclEntry } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { defined, ec2Arn, tagsOf } from './ec2-shared';

function entryOf(e: SdkNetworkAclEntry & { RuleNumber: number }): NetworkAclEntry {
  const entry: NetworkAclEntry = {
    ruleNumber: e.RuleNumber,
    protocol: e.Protocol ?? '-1',
    ruleAction: e.RuleAction ?? 'deny',
    egress: e.Egress === true,
  };
  if (e.CidrBlock !== undefined) entry.cidrBlock = e.CidrBlock;
  if (e.Ipv6CidrBlock !== undefined) entry.ipv6CidrBlock = e.Ipv6CidrBlock;
  if (e.PortRange?.From !== undefined && e.PortRange.To !== undefined) {
    entry.portRange = { from: e.PortRange.From, to: e.PortRange.To };
  }
  return entry;
}

export const ec2NetworkAclsCollector = defineCollector({
  key: 'ec2.networkAcls',
  scope: 'regional',
  operations: ['ec2:DescribeNetworkAcls'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const acls: NetworkAcl[] = [];
    for await (const page of paginateDescribeNetworkAcls({ client }, {})) {
      for (const a of page.NetworkAcls ?? []) {
        if (a.NetworkAclId === undefined) continue;
        const acl: NetworkAcl = {
          networkAclId: a.NetworkAclId,
          arn: ec2Arn(ctx, 'network-acl', a.NetworkAclId),
          isDefault: a.IsDefault === true,
          subnetIds: defined((a.Associations ?? []).map((s) => s.SubnetId)),
          entries: (a.Entries ?? []).flatMap((e) =>
            e.RuleNumber === undefined ? [] : [entryOf({ ...e, RuleNumber: e.RuleNumber })],
          ),
          tags: tagsOf(a.Tags),
        };
        if (a.VpcId !== undefined) acl.vpcId = a.VpcId;
        acls.push(acl);
      }
    }
    return acls;
  },
});
