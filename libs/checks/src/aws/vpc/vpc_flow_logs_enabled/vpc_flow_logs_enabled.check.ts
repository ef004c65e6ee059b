import { type FlowLog } from '../../../collected/ec2';
import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './vpc_flow_logs_enabled.metadata';

/** An active flow log that records at least rejected traffic and is not failing delivery. */
function qualifies(f: FlowLog): boolean {
  return (
    f.flowLogStatus === 'ACTIVE' &&
    (f.trafficType === 'REJECT' || f.trafficType === 'ALL') &&
    f.deliverLogsStatus !== 'FAILED'
  );
}

export const vpcFlowLogsEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const vpcs = collected.regional('ec2.vpcs', ctx.region);
  const flowLogs = collected.regional('ec2.flowLogs', ctx.region);
  if (!vpcs.ok || !flowLogs.ok) return [];
  const here = where(ctx);
  return vpcs.data.map((vpc) => {
    const own = flowLogs.data.filter((f) => f.resourceId === vpc.vpcId);
    const evidence = {
      isDefault: vpc.isDefault,
      flowLogs: own.map((f) => ({
        flowLogId: f.flowLogId,
        trafficType: f.trafficType,
        status: f.flowLogStatus,
        ...(f.deliverLogsStatus === undefined ? {} : { deliverLogsStatus: f.deliverLogsStatus }),
        ...(f.logDestinationType === undefined ? {} : { destinationType: f.logDestinationType }),
      })),
    };
    const good = own.find(qualifies);
    if (good !== undefined) {
      return results.pass(
        vpc.arn,
        `VPC ${vpc.vpcId} ${here} has active flow log ${good.flowLogId} (${good.trafficType} traffic)`,
        evidence,
      );
    }
    const why =
      own.length === 0
        ? 'has no flow log'
        : 'has no active, delivering flow log capturing REJECT or ALL traffic';
    return results.fail(vpc.arn, `VPC ${vpc.vpcId} ${here} ${why}`, evidence);
  });
});
