import { type FlowLog, type Vpc } from '../../../collected/ec2';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { vpcFlowLogsEnabled } from './vpc_flow_logs_enabled.check';

function vpc(vpcId: string): Vpc {
  return {
    vpcId,
    arn: `arn:aws:ec2:eu-west-1:111122223333:vpc/${vpcId}`,
    isDefault: false,
    tags: {},
  };
}

function flowLog(resourceId: string, over: Partial<FlowLog> = {}): FlowLog {
  return {
    flowLogId: `fl-${resourceId}`,
    resourceId,
    trafficType: 'REJECT',
    flowLogStatus: 'ACTIVE',
    deliverLogsStatus: 'SUCCESS',
    logDestinationType: 'cloud-watch-logs',
    ...over,
  };
}

function snapshot(vpcs: Vpc[], flowLogs: FlowLog[]) {
  return new SnapshotBuilder()
    .setRegional('ec2.vpcs', 'eu-west-1', ok(vpcs))
    .setRegional('ec2.flowLogs', 'eu-west-1', ok(flowLogs))
    .setRegional('ec2.vpcs', 'us-east-1', ok([]))
    .setRegional('ec2.flowLogs', 'us-east-1', ok([]));
}

describe('vpc_flow_logs_enabled', () => {
  it('should PASS a VPC with an active REJECT or ALL flow log and FAIL one without', () => {
    const results = runCheck(
      vpcFlowLogsEnabled,
      snapshot(
        [vpc('vpc-a'), vpc('vpc-b'), vpc('vpc-c')],
        [flowLog('vpc-a'), flowLog('vpc-b', { trafficType: 'ALL' }), flowLog('subnet-1')],
      ),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-a', 'PASS', 'eu-west-1'],
      ['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-b', 'PASS', 'eu-west-1'],
      ['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-c', 'FAIL', 'eu-west-1'],
    ]);
    expect(results[2]?.message).toBe(
      'VPC vpc-c in eu-west-1 of account 111122223333 has no flow log',
    );
  });

  it('should FAIL a VPC whose flow logs capture only accepted traffic or fail delivery', () => {
    const results = runCheck(
      vpcFlowLogsEnabled,
      snapshot(
        [vpc('vpc-a'), vpc('vpc-b')],
        [
          flowLog('vpc-a', { trafficType: 'ACCEPT' }),
          flowLog('vpc-b', { deliverLogsStatus: 'FAILED' }),
        ],
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.evidence).toEqual({
      isDefault: false,
      flowLogs: [
        {
          flowLogId: 'fl-vpc-a',
          trafficType: 'ACCEPT',
          status: 'ACTIVE',
          deliverLogsStatus: 'SUCCESS',
          destinationType: 'cloud-watch-logs',
        },
      ],
    });
  });

  it('should be ERROR for the region whose flow logs could not be collected', () => {
    const results = runCheck(
      vpcFlowLogsEnabled,
      new SnapshotBuilder()
        .setRegional('ec2.vpcs', 'eu-west-1', ok([vpc('vpc-a')]))
        .setRegional('ec2.flowLogs', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('ec2.vpcs', 'us-east-1', ok([]))
        .setRegional('ec2.flowLogs', 'us-east-1', ok([])),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', region: 'eu-west-1', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing in a region without VPCs', () => {
    expect(runCheck(vpcFlowLogsEnabled, snapshot([], [flowLog('vpc-gone')]))).toEqual([]);
  });
});
