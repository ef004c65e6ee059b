import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { metricFiltersCollector } from './metric-filters.collector';

describe('logs.metricFilters collector (moto behind the fault proxy)', () => {
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

  it('should list every metric filter of the region, following pages, with pattern and metrics', async () => {
    const logs = h.clients.createClient(CloudWatchLogsClient, {
      region: 'eu-west-1',
      service: 'logs',
      session: h.session,
    });
    for (const group of ['cloudtrail', 'app']) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    }
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'cloudtrail',
        filterName: 'root-usage',
        filterPattern: '{ $.userIdentity.type = "Root" }',
        metricTransformations: [
          { metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' },
        ],
      }),
    );
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'app',
        filterName: 'errors',
        filterPattern: 'ERROR',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'App', metricValue: '1' }],
      }),
    );
    // moto answers every filter in one page: the proxy answers the first call with an empty
    // page and a token, so only a collector that follows tokens sees the filters.
    proxy.setRules([
      {
        kind: 'emptyPageWithToken',
        service: 'logs',
        operation: 'DescribeMetricFilters',
        listKey: 'metricFilters',
        tokenKey: 'nextToken',
        times: 1,
      },
    ]);
    proxy.clearLog();

    const { snapshot } = await h.collect(['logs.metricFilters'], ['eu-west-1']);

    const outcome = snapshot.regional('logs.metricFilters', 'eu-west-1');
    if (!outcome.ok) throw new Error(outcome.message);
    expect([...outcome.data].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      {
        name: 'errors',
        logGroupName: 'app',
        pattern: 'ERROR',
        metrics: [{ namespace: 'App', metricName: 'Errors' }],
      },
      {
        name: 'root-usage',
        logGroupName: 'cloudtrail',
        pattern: '{ $.userIdentity.type = "Root" }',
        metrics: [{ namespace: 'CISBenchmark', metricName: 'RootUsage' }],
      },
    ]);
    const calls = proxy.log.map((e) => `${e.service}:${e.operation}`);
    expect(calls).toEqual(['logs:DescribeMetricFilters', 'logs:DescribeMetricFilters']);
    expect(metricFiltersCollector.operations).toEqual(expect.arrayContaining([...new Set(calls)]));
  });
});
