// ec2.networkInterfaces: every network interface of the region (what is in use in each VPC,
// and which security groups it carries).
import { EC2Client, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import { type NetworkInterface } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { defined } from './ec2-shared';

export const ec2NetworkInterfacesCollector = defineCollector({
  key: 'ec2.networkInterfaces',
  scope: 'regional',
  operations: ['ec2:DescribeNetworkInterfaces'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const interfaces: NetworkInterface[] = [];
    for await (const page of paginateDescribeNetworkInterfaces({ client }, {})) {
      for (const n of page.NetworkInterfaces ?? []) {
        if (n.NetworkInterfaceId === undefined) continue;
        const eni: NetworkInterface = {
          networkInterfaceId: n.NetworkInterfaceId,
          groupIds: defined((n.Groups ?? []).map((g) => g.GroupId)),
          requesterManaged: n.RequesterManaged === true,
        };
        if (n.VpcId !== undefined) eni.vpcId = n.VpcId;
        if (n.SubnetId !== undefined) eni.subnetId = n.SubnetId;
        if (n.InterfaceType !== undefined) eni.interfaceType = n.InterfaceType;
        if (n.Status !== undefined) eni.status = n.Status;
        if (n.Attachment?.InstanceId !== undefined) eni.instanceId = n.Attachment.InstanceId;
        if (n.Description !== undefined && n.Description !== '') eni.description = n.Description;
        interfaces.push(eni);
      }
    }
    return interfaces;
  },
});
