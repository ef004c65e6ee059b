// ec2.flowLogs against moto: a VPC flow log to CloudWatch Logs and a subnet flow log.
import { CreateFlowLogsCommand } from '@aws-sdk/client-ec2';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';
import { SEED_REGION, ec2Seed } from './test/ec2-seed';

describe('ec2.flowLogs (moto)', () => {
  let h: CollectorHarness;

  beforeAll(async () => {
    h = await collectorHarness();
  });
  afterAll(() => h.close());

  it('should list flow logs with resource, traffic type, status and destination type', async () => {
    const seed = ec2Seed(h);
    const vpc = await seed.vpc('10.30.0.0/16');
    const subnet = await seed.subnet(vpc, '10.30.1.0/24');
    const role = `arn:aws:iam::${h.accountId}:role/flow-logs`;
    // moto reports a missing log group as a FAILED delivery, as AWS does.
    await seed.ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [vpc],
        TrafficType: 'ALL',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: 'no-such-group',
        DeliverLogsPermissionArn: role,
      }),
    );
    await seed.ec2.send(
      new CreateFlowLogsCommand({
        ResourceType: 'Subnet',
        ResourceIds: [subnet],
        TrafficType: 'REJECT',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: 'other-group',
        DeliverLogsPermissionArn: role,
      }),
    );

    const { snapshot } = await h.collect(['ec2.flowLogs'], [SEED_REGION, 'us-east-1']);
    const outcome = snapshot.regional('ec2.flowLogs', SEED_REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const sorted = [...outcome.data].sort((a, b) => a.resourceId.localeCompare(b.resourceId));
    expect(sorted).toEqual(
      [
        {
          flowLogId: expect.stringMatching(/^fl-/) as string,
          resourceId: subnet,
          trafficType: 'REJECT',
          flowLogStatus: 'ACTIVE',
          deliverLogsStatus: 'FAILED',
          logDestinationType: 'cloud-watch-logs',
        },
        {
          flowLogId: expect.stringMatching(/^fl-/) as string,
          resourceId: vpc,
          trafficType: 'ALL',
          flowLogStatus: 'ACTIVE',
          deliverLogsStatus: 'FAILED',
          logDestinationType: 'cloud-watch-logs',
        },
      ].sort((a, b) => a.resourceId.localeCompare(b.resourceId)),
    );
    expect(snapshot.regional('ec2.flowLogs', 'us-east-1')).toEqual({ ok: true, data: [] });
  });
});
