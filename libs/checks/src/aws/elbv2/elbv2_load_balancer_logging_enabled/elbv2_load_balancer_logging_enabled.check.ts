import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './elbv2_load_balancer_logging_enabled.metadata';

const KINDS: Readonly<Record<string, string>> = {
  application: 'Application Load Balancer',
  network: 'Network Load Balancer',
};

export const elbv2LoadBalancerLoggingEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const loadBalancers = collected.regional('elbv2.loadBalancers', ctx.region);
  if (!loadBalancers.ok) return [];
  const here = where(ctx);
  return loadBalancers.data
    .filter((lb) => lb.type !== 'gateway')
    .map((lb) => {
      const name = `${KINDS[lb.type] ?? 'Load balancer'} ${lb.name} ${here}`;
      const evidence = { type: lb.type, scheme: lb.scheme };
      if (!lb.accessLogs.ok) {
        return results.errorOf(lb.arn, lb.accessLogs, `the attributes of ${name}`, evidence);
      }
      const logs = lb.accessLogs.data;
      return logs.enabled
        ? results.pass(lb.arn, `${name} writes access logs to ${logs.bucket ?? 'S3'}`, {
            ...evidence,
            bucket: logs.bucket,
            prefix: logs.prefix,
          })
        : results.fail(lb.arn, `${name} does not write access logs`, evidence);
    });
});
