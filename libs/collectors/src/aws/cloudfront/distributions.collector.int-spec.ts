// cloudfront.distributions against moto behind the fault proxy: legacy standard logging from
// the distribution's configuration, standard logging v2 from CloudWatch Logs deliveries.
import {
  CloudFrontClient,
  CreateDistributionCommand,
  type DistributionConfig,
} from '@aws-sdk/client-cloudfront';
import {
  CloudWatchLogsClient,
  CreateDeliveryCommand,
  PutDeliveryDestinationCommand,
  PutDeliverySourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type CloudFrontDistribution } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { cloudfrontActions, cloudfrontCollectors } from '.';

/** CloudFront's home (and where its delivery sources live): the harness's home region. */
const HOME = 'us-east-1';

function config(reference: string, logging?: DistributionConfig['Logging']): DistributionConfig {
  return {
    CallerReference: reference,
    Comment: reference,
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: 'origin',
          DomainName: 'origin.example.com',
          CustomOriginConfig: {
            HTTPPort: 80,
            HTTPSPort: 443,
            OriginProtocolPolicy: 'https-only',
          },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: 'origin',
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    },
    ...(logging === undefined ? {} : { Logging: logging }),
  };
}

describe('cloudfront.distributions collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  const ids = { legacy: '', v2: '', none: '' };
  const arns = { legacy: '', v2: '', none: '' };
  let destinationArn: string;
  let deliveryId: string;

  async function distributions(): Promise<CloudFrontDistribution[]> {
    const { snapshot } = await h.collect(['cloudfront.distributions'], ['eu-west-1']);
    const outcome = snapshot.global('cloudfront.distributions');
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.data;
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url, homeRegion: HOME });
    const cf = h.clients.createClient(CloudFrontClient, {
      region: HOME,
      service: 'cloudfront',
      session: h.session,
    });
    for (const kind of ['legacy', 'v2', 'none'] as const) {
      const logging =
        kind === 'legacy'
          ? {
              Enabled: true,
              IncludeCookies: false,
              Bucket: 'cf-logs.s3.amazonaws.com',
              Prefix: 'legacy/',
            }
          : undefined;
      const out = await cf.send(
        new CreateDistributionCommand({
          DistributionConfig: config(`${kind}-${h.accountId}`, logging),
        }),
      );
      ids[kind] = out.Distribution?.Id ?? '';
      arns[kind] = out.Distribution?.ARN ?? '';
    }
    const s3 = h.clients.createClient(S3Client, {
      region: HOME,
      service: 's3',
      session: h.session,
    });
    await s3.send(new CreateBucketCommand({ Bucket: `cf-v2-logs-${h.accountId}` }));
    const logs = h.clients.createClient(CloudWatchLogsClient, {
      region: HOME,
      service: 'logs',
      session: h.session,
    });
    await logs.send(
      new PutDeliverySourceCommand({
        name: 'v2-access',
        resourceArn: arns.v2,
        logType: 'ACCESS_LOGS',
      }),
    );
    const destination = await logs.send(
      new PutDeliveryDestinationCommand({
        name: 'v2-to-s3',
        deliveryDestinationConfiguration: {
          destinationResourceArn: `arn:aws:s3:::cf-v2-logs-${h.accountId}`,
        },
      }),
    );
    destinationArn = destination.deliveryDestination?.arn ?? '';
    const delivery = await logs.send(
      new CreateDeliveryCommand({
        deliverySourceName: 'v2-access',
        deliveryDestinationArn: destinationArn,
      }),
    );
    deliveryId = delivery.delivery?.id ?? '';
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read each distribution’s legacy logging and its v2 log deliveries', async () => {
    const byId = new Map((await distributions()).map((d) => [d.id, d]));
    const legacy = byId.get(ids.legacy);
    expect(legacy?.domainName).toMatch(/\.cloudfront\.net$/);
    expect(legacy).toEqual({
      id: ids.legacy,
      arn: arns.legacy,
      domainName: legacy?.domainName,
      // moto's distribution summaries carry no Enabled member (AWS's always do).
      enabled: false,
      aliases: [],
      logging: {
        ok: true,
        data: { enabled: true, bucket: 'cf-logs.s3.amazonaws.com', prefix: 'legacy/' },
      },
      logDeliveries: { ok: true, data: [] },
    });
    const v2 = byId.get(ids.v2);
    expect(v2?.logging).toEqual({ ok: true, data: { enabled: false } });
    if (!v2?.logDeliveries.ok) throw new Error('the v2 deliveries should have been read');
    expect(v2.logDeliveries.data).toEqual([
      { deliveryId: deliveryId, destinationArn: destinationArn, destinationType: 'S3' },
    ]);
    expect(byId.get(ids.none)).toMatchObject({
      logging: { ok: true, data: { enabled: false } },
      logDeliveries: { ok: true, data: [] },
    });
    expect(byId.size).toBe(3);

    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    const declared = cloudfrontCollectors.flatMap((c) => c.operations);
    expect([...called].sort()).toEqual([...declared].sort());
    for (const operation of declared) expect(cloudfrontActions[operation]).toEqual([operation]);
  });

  it('should keep denied delivery sources as every distribution’s error, not the collector’s', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'logs', operation: 'DescribeDeliverySources' });
    const found = await distributions();
    expect(found).toHaveLength(3);
    for (const d of found) {
      expect(d.logDeliveries).toEqual(
        expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
      );
      expect(d.logging.ok).toBe(true);
    }
  });

  it('should keep a denied GetDistributionConfig as that distribution’s error', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      service: 'cloudfront',
      operation: 'GetDistributionConfig',
      times: 1,
    });
    const denied = (await distributions()).filter((d) => !d.logging.ok);
    expect(denied.map((d) => (d.logging.ok ? 'read' : d.logging.code))).toEqual(['ACCESS_DENIED']);
  });

  it('should fail the collector when ListDistributions is denied', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'cloudfront', operation: 'ListDistributions' });
    const { snapshot } = await h.collect(['cloudfront.distributions'], ['eu-west-1']);
    expect(snapshot.global('cloudfront.distributions')).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
  });
});
