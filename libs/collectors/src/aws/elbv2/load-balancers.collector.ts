// elbv2.loadBalancers: the region's Application, Network and Gateway load balancers with their
// S3 access logging attributes.
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { type LoadBalancerV2 } from '@palisade/checks';
import { type CollectorContext, defineCollector } from '../../framework/collector';

type NamedLoadBalancer = LoadBalancer & { LoadBalancerName: string; LoadBalancerArn: string };

async function describeLoadBalancer(
  ctx: CollectorContext,
  client: ElasticLoadBalancingV2Client,
  lb: NamedLoadBalancer,
): Promise<LoadBalancerV2> {
  const accessLogs = await ctx.attempt(async () => {
    const out = await client.send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
    );
    const attr = new Map((out.Attributes ?? []).map((a) => [a.Key, a.Value]));
    const bucket = attr.get('access_logs.s3.bucket');
    const prefix = attr.get('access_logs.s3.prefix');
    return {
      enabled: attr.get('access_logs.s3.enabled') === 'true',
      ...(bucket ? { bucket } : {}),
      ...(prefix ? { prefix } : {}),
    };
  });
  const out: LoadBalancerV2 = {
    name: lb.LoadBalancerName,
    arn: lb.LoadBalancerArn,
    type: lb.Type ?? 'unknown',
    accessLogs,
  };
  if (lb.Scheme !== undefined) out.scheme = lb.Scheme;
  if (lb.DNSName !== undefined) out.dnsName = lb.DNSName;
  if (lb.VpcId !== undefined) out.vpcId = lb.VpcId;
  return out;
}

export const elbv2LoadBalancersCollector = defineCollector({
  key: 'elbv2.loadBalancers',
  scope: 'regional',
  operations: [
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
  ],
  async collect(ctx) {
    const client = ctx.client(ElasticLoadBalancingV2Client, 'elasticloadbalancing');
    const listed: NamedLoadBalancer[] = [];
    for await (const page of paginateDescribeLoadBalancers({ client }, {})) {
      for (const lb of page.LoadBalancers ?? []) {
        if (lb.LoadBalancerName !== undefined && lb.LoadBalancerArn !== undefined) {
          listed.push({
            ...lb,
            LoadBalancerName: lb.LoadBalancerName,
            LoadBalancerArn: lb.LoadBalancerArn,
          });
        }
      }
    }
    return ctx.mapBounded(listed, (lb) => describeLoadBalancer(ctx, client, lb));
  },
});
