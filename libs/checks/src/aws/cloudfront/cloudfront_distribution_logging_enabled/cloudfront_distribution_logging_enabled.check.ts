import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './cloudfront_distribution_logging_enabled.metadata';

export const cloudfrontDistributionLoggingEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const distributions = collected.global('cloudfront.distributions');
  if (!distributions.ok) return [];
  const here = where(ctx);
  return distributions.data.map((d) => {
    const name = `CloudFront distribution ${d.id} (${d.domainName}) ${here}`;
    const evidence: Record<string, unknown> = { enabled: d.enabled, aliases: d.aliases };
    if (d.logging.ok && d.logging.data.enabled) {
      const bucket = d.logging.data.bucket ?? 'its bucket';
      return results.pass(d.arn, `${name} logs its requests to ${bucket}`, {
        ...evidence,
        legacyLogging: d.logging.data,
      });
    }
    if (d.logDeliveries.ok && d.logDeliveries.data.length > 0) {
      const [first] = d.logDeliveries.data;
      return results.pass(
        d.arn,
        `${name} delivers its access logs to ${first?.destinationArn ?? 'a log delivery destination'}`,
        { ...evidence, logDeliveries: d.logDeliveries.data },
      );
    }
    if (!d.logging.ok) {
      return results.errorOf(d.arn, d.logging, `the logging configuration of ${name}`, evidence);
    }
    if (!d.logDeliveries.ok) {
      return results.errorOf(d.arn, d.logDeliveries, `the log deliveries of ${name}`, evidence);
    }
    return results.fail(d.arn, `${name} does not log its requests`, evidence);
  });
});
