// cloudfront.distributions: every distribution of the account with its access logging —
// standard logging (legacy) from its configuration, and standard logging (v2) as CloudWatch
// Logs deliveries from an ACCESS_LOGS delivery source of the distribution. CloudFront is a
// global service: this runs once, in the partition's home region (us-east-1 for `aws`), where
// CloudFront's delivery sources live.
import {
  CloudFrontClient,
  GetDistributionConfigCommand,
  paginateListDistributions,
  type DistributionSummary,
} from '@aws-sdk/client-cloudfront';
import {
  CloudWatchLogsClient,
  paginateDescribeDeliveries,
  paginateDescribeDeliverySources,
} from '@aws-sdk/client-cloudwatch-logs';
import { type CloudFrontDistribution, type LogDelivery, type Outcome, ok } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';

type ListedDistribution = DistributionSummary & { Id: string; ARN: string };

/** The access-log deliveries of each resource ARN, from the account's delivery sources. */
async function accessLogDeliveries(ctx: CollectorContext): Promise<Map<string, LogDelivery[]>> {
  const logs = ctx.client(CloudWatchLogsClient, 'logs');
  const resourcesBySource = new Map<string, string[]>();
  for await (const page of paginateDescribeDeliverySources({ client: logs }, {})) {
    for (const source of page.deliverySources ?? []) {
      if (source.name === undefined || source.logType !== 'ACCESS_LOGS') continue;
      resourcesBySource.set(source.name, source.resourceArns ?? []);
    }
  }
  const byResource = new Map<string, LogDelivery[]>();
  if (resourcesBySource.size === 0) return byResource;
  for await (const page of paginateDescribeDeliveries({ client: logs }, {})) {
    for (const d of page.deliveries ?? []) {
      const resources = resourcesBySource.get(d.deliverySourceName ?? '');
      if (resources === undefined || d.id === undefined) continue;
      const delivery: LogDelivery = { deliveryId: d.id };
      if (d.deliveryDestinationArn !== undefined) {
        delivery.destinationArn = d.deliveryDestinationArn;
      }
      if (d.deliveryDestinationType !== undefined) {
        delivery.destinationType = d.deliveryDestinationType;
      }
      for (const arn of resources) byResource.set(arn, [...(byResource.get(arn) ?? []), delivery]);
    }
  }
  return byResource;
}

async function describeDistribution(
  ctx: CollectorContext,
  client: CloudFrontClient,
  d: ListedDistribution,
  deliveries: Outcome<Map<string, LogDelivery[]>>,
): Promise<CloudFrontDistribution> {
  const logging = await ctx.attempt(async () => {
    const out = await client.send(new GetDistributionConfigCommand({ Id: d.Id }));
    const l = out.DistributionConfig?.Logging;
    const enabled = l?.Enabled ?? false;
    return {
      enabled,
      ...(enabled && l?.Bucket ? { bucket: l.Bucket } : {}),
      ...(enabled && l?.Prefix ? { prefix: l.Prefix } : {}),
    };
  });
  return {
    id: d.Id,
    arn: d.ARN,
    domainName: d.DomainName ?? '',
    enabled: d.Enabled ?? false,
    aliases: d.Aliases?.Items ?? [],
    logging,
    logDeliveries: deliveries.ok ? ok(deliveries.data.get(d.ARN) ?? []) : deliveries,
  };
}

export const cloudfrontDistributionsCollector = defineCollector({
  key: 'cloudfront.distributions',
  scope: 'global',
  operations: [
    'cloudfront:ListDistributions',
    'cloudfront:GetDistributionConfig',
    'logs:DescribeDeliverySources',
    'logs:DescribeDeliveries',
  ],
  async collect(ctx) {
    const client = ctx.client(CloudFrontClient, 'cloudfront');
    const listed: ListedDistribution[] = [];
    for await (const page of paginateListDistributions({ client }, {})) {
      for (const d of page.DistributionList?.Items ?? []) {
        if (d.Id !== undefined && d.ARN !== undefined) listed.push({ ...d, Id: d.Id, ARN: d.ARN });
      }
    }
    if (listed.length === 0) return [];
    const deliveries = await ctx.attempt(() => accessLogDeliveries(ctx));
    return ctx.mapBounded(listed, (d) => describeDistribution(ctx, client, d, deliveries));
  },
});
