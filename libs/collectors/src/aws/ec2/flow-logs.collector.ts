// ec2.flowLogs: every flow log of the region (of VPCs, subnets or network interfaces).
import { EC2Client, paginateDescribeFlowLogs } from '@aws-sdk/client-ec2';
import { type FlowLog } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const ec2FlowLogsCollector = defineCollector({
  key: 'ec2.flowLogs',
  scope: 'regional',
  operations: ['ec2:DescribeFlowLogs'],
  async collect(ctx) {
    const client = ctx.client(EC2Client, 'ec2');
    const flowLogs: FlowLog[] = [];
    for await (const page of paginateDescribeFlowLogs({ client }, {})) {
      for (const f of page.FlowLogs ?? []) {
        if (f.FlowLogId === undefined || f.ResourceId === undefined) continue;
        const flowLog: FlowLog = {
          flowLogId: f.FlowLogId,
          resourceId: f.ResourceId,
          trafficType: f.TrafficType ?? 'UNKNOWN',
          flowLogStatus: f.FlowLogStatus ?? 'UNKNOWN',
        };
        if (f.DeliverLogsStatus !== undefined) flowLog.deliverLogsStatus = f.DeliverLogsStatus;
        if (f.LogDestinationType !== undefined) flowLog.logDestinationType = f.LogDestinationType;
        flowLogs.push(flowLog);
      }
    }
    return flowLogs;
  },
});
