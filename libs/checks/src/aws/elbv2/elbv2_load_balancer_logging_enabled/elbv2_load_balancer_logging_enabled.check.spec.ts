import { type LoadBalancerV2 } from '../../../collected/front-ends';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { elbv2LoadBalancerLoggingEnabled } from './elbv2_load_balancer_logging_enabled.check';

function lb(name: string, type: string, accessLogs: LoadBalancerV2['accessLogs']): LoadBalancerV2 {
  return {
    name,
    arn: `arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/${type === 'application' ? 'app' : type === 'network' ? 'net' : 'gwy'}/${name}/50dc6c495c0c9188`,
    type,
    scheme: 'internet-facing',
    accessLogs,
  };
}

function snapshot(lbs: LoadBalancerV2[]) {
  return new SnapshotBuilder()
    .setRegional('elbv2.loadBalancers', 'eu-west-1', ok(lbs))
    .setRegional('elbv2.loadBalancers', 'us-east-1', ok([]));
}

describe('elbv2_load_balancer_logging_enabled', () => {
  it('should PASS a logging load balancer, FAIL a silent one and skip gateway load balancers', () => {
    const results = runCheck(
      elbv2LoadBalancerLoggingEnabled,
      snapshot([
        lb('web', 'application', ok({ enabled: true, bucket: 'alb-logs', prefix: 'web' })),
        lb('tls', 'network', ok({ enabled: false })),
        lb('inspect', 'gateway', ok({ enabled: false })),
      ]),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([
      ['PASS', 'eu-west-1'],
      ['FAIL', 'eu-west-1'],
    ]);
    expect(results[0]?.message).toBe(
      'Application Load Balancer web in eu-west-1 of account 111122223333 writes access logs to alb-logs',
    );
    expect(results[1]?.message).toBe(
      'Network Load Balancer tls in eu-west-1 of account 111122223333 does not write access logs',
    );
  });

  it('should be ERROR when a load balancer’s attributes cannot be read', () => {
    const results = runCheck(
      elbv2LoadBalancerLoggingEnabled,
      snapshot([lb('web', 'application', failed('ACCESS_DENIED', 'denied'))]),
    );
    expect(results.map((r) => [r.status, r.errorCode])).toEqual([['ERROR', 'ACCESS_DENIED']]);
  });

  it('should be ERROR for the region whose load balancers could not be collected', () => {
    const results = runCheck(
      elbv2LoadBalancerLoggingEnabled,
      new SnapshotBuilder()
        .setRegional('elbv2.loadBalancers', 'eu-west-1', ok([]))
        .setRegional('elbv2.loadBalancers', 'us-east-1', failed('THROTTLED', 'slow')),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([['ERROR', 'us-east-1']]);
  });

  it('should report nothing when the region has no load balancers', () => {
    expect(runCheck(elbv2LoadBalancerLoggingEnabled, snapshot([]))).toEqual([]);
  });
});
