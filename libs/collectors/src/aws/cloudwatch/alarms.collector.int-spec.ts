import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { alarmsCollector } from './alarms.collector';

describe('cloudwatch.alarms collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  it('should list metric alarms with the metrics they watch, actions and whether actions run', async () => {
    const cw = h.clients.createClient(CloudWatchClient, {
      region: 'eu-west-1',
      service: 'cloudwatch',
      session: h.session,
    });
    const topic = `arn:aws:sns:eu-west-1:${h.accountId}:cis-alarms`;
    const threshold = {
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
    };
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'root-usage',
        MetricName: 'RootUsage',
        Namespace: 'CISBenchmark',
        Statistic: 'Sum',
        Period: 300,
        AlarmActions: [topic],
        ...threshold,
      }),
    );
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'policy-changes-math',
        ActionsEnabled: false,
        Metrics: [
          {
            Id: 'm1',
            ReturnData: false,
            MetricStat: {
              Metric: { Namespace: 'CISBenchmark', MetricName: 'IamPolicyChanges' },
              Period: 300,
              Stat: 'Sum',
            },
          },
          { Id: 'e1', Expression: 'm1 * 2', ReturnData: true },
        ],
        AlarmActions: [topic],
        ...threshold,
      }),
    );
    proxy.clearLog();

    const { snapshot } = await h.collect(['cloudwatch.alarms'], ['eu-west-1', 'us-east-1']);

    const outcome = snapshot.regional('cloudwatch.alarms', 'eu-west-1');
    if (!outcome.ok) throw new Error(outcome.message);
    expect([...outcome.data].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        name: 'policy-changes-math',
        arn: `arn:aws:cloudwatch:eu-west-1:${h.accountId}:alarm:policy-changes-math`,
        metrics: [{ namespace: 'CISBenchmark', metricName: 'IamPolicyChanges' }],
        actionsEnabled: false,
        alarmActions: [topic],
      },
      {
        name: 'root-usage',
        arn: `arn:aws:cloudwatch:eu-west-1:${h.accountId}:alarm:root-usage`,
        metrics: [{ namespace: 'CISBenchmark', metricName: 'RootUsage' }],
        actionsEnabled: true,
        alarmActions: [topic],
      },
    ]);
    expect(snapshot.regional('cloudwatch.alarms', 'us-east-1')).toEqual({ ok: true, data: [] });
    const calls = new Set(proxy.log.map((e) => `${e.service}:${e.operation}`));
    expect([...calls]).toEqual(['monitoring:DescribeAlarms']);
    expect(alarmsCollector.operations).toEqual([...calls]);
  });
});
