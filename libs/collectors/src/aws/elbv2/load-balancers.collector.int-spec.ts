// elbv2.loadBalancers against moto behind the fault proxy.
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { type LoadBalancerV2 } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { elbv2Actions, elbv2Collectors } from '.';

const REGION = 'eu-west-1';

describe('elbv2.loadBalancers collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  let vpcId: string;
  const created = { web: { arn: '', dnsName: '' }, tls: { arn: '', dnsName: '' } };

  async function loadBalancers(): Promise<LoadBalancerV2[]> {
    const { snapshot } = await h.collect(['elbv2.loadBalancers'], [REGION]);
    const outcome = snapshot.regional('elbv2.loadBalancers', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    return [...outcome.data].sort((a, b) => a.name.localeCompare(b.name));
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const ec2 = h.clients.createClient(EC2Client, {
      region: REGION,
      service: 'ec2',
      session: h.session,
    });
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }));
    vpcId = vpc.Vpc?.VpcId ?? '';
    const subnets: string[] = [];
    for (const [i, az] of ['a', 'b'].entries()) {
      const subnet = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.20.${i}.0/24`,
          AvailabilityZone: `${REGION}${az}`,
        }),
      );
      subnets.push(subnet.Subnet?.SubnetId ?? '');
    }
    const elb = h.clients.createClient(ElasticLoadBalancingV2Client, {
      region: REGION,
      service: 'elasticloadbalancing',
      session: h.session,
    });
    const web = await elb.send(
      // moto leaves Scheme empty when it is not given (AWS defaults it to internet-facing).
      new CreateLoadBalancerCommand({
        Name: 'web',
        Subnets: subnets,
        Type: 'application',
        Scheme: 'internet-facing',
      }),
    );
    await elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: web.LoadBalancers?.[0]?.LoadBalancerArn,
        Attributes: [
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: 'alb-logs' },
          { Key: 'access_logs.s3.prefix', Value: 'web' },
        ],
      }),
    );
    const tls = await elb.send(
      new CreateLoadBalancerCommand({
        Name: 'tls',
        Subnets: subnets,
        Type: 'network',
        Scheme: 'internal',
      }),
    );
    for (const [key, out] of [
      ['web', web],
      ['tls', tls],
    ] as const) {
      created[key] = {
        arn: out.LoadBalancers?.[0]?.LoadBalancerArn ?? '',
        dnsName: out.LoadBalancers?.[0]?.DNSName ?? '',
      };
    }
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read every load balancer with its access log attributes', async () => {
    // ARN and DNS name as CreateLoadBalancer answered them (moto names even a Network Load
    // Balancer `app/`, where AWS says `net/`).
    expect(await loadBalancers()).toEqual([
      {
        name: 'tls',
        arn: created.tls.arn,
        type: 'network',
        scheme: 'internal',
        dnsName: created.tls.dnsName,
        vpcId,
        accessLogs: { ok: true, data: { enabled: false } },
      },
      {
        name: 'web',
        arn: created.web.arn,
        type: 'application',
        scheme: 'internet-facing',
        dnsName: created.web.dnsName,
        vpcId,
        accessLogs: { ok: true, data: { enabled: true, bucket: 'alb-logs', prefix: 'web' } },
      },
    ]);
    expect(created.web.arn).toMatch(
      new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${h.accountId}:loadbalancer/app/web/`),
    );
    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    const declared = elbv2Collectors.flatMap((c) => c.operations);
    expect([...called].sort()).toEqual([...declared].sort());
    for (const operation of declared) expect(elbv2Actions[operation]).toEqual([operation]);
  });

  it('should keep a denied attribute read as that load balancer’s error', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      service: 'elasticloadbalancing',
      operation: 'DescribeLoadBalancerAttributes',
    });
    const lbs = await loadBalancers();
    expect(lbs.map((lb) => [lb.name, lb.accessLogs.ok ? 'ok' : lb.accessLogs.code])).toEqual([
      ['tls', 'ACCESS_DENIED'],
      ['web', 'ACCESS_DENIED'],
    ]);
  });

  it('should fail the collector when DescribeLoadBalancers is denied', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      service: 'elasticloadbalancing',
      operation: 'DescribeLoadBalancers',
    });
    const { snapshot } = await h.collect(['elbv2.loadBalancers'], [REGION]);
    expect(snapshot.regional('elbv2.loadBalancers', REGION)).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
  });
});
