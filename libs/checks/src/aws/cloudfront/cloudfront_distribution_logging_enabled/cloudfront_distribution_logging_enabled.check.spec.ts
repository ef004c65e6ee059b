import { type CloudFrontDistribution } from '../../../collected/front-ends';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { cloudfrontDistributionLoggingEnabled } from './cloudfront_distribution_logging_enabled.check';

function distribution(
  id: string,
  over: Partial<CloudFrontDistribution> = {},
): CloudFrontDistribution {
  return {
    id,
    arn: `arn:aws:cloudfront::111122223333:distribution/${id}`,
    domainName: `${id.toLowerCase()}.cloudfront.net`,
    enabled: true,
    aliases: [],
    logging: ok({ enabled: false }),
    logDeliveries: ok([]),
    ...over,
  };
}

const snapshot = (ds: CloudFrontDistribution[]) =>
  new SnapshotBuilder().setGlobal('cloudfront.distributions', ok(ds));

describe('cloudfront_distribution_logging_enabled', () => {
  it('should PASS legacy and v2 logging and FAIL a distribution without either', () => {
    const results = runCheck(
      cloudfrontDistributionLoggingEnabled,
      snapshot([
        distribution('E1LEGACY', {
          logging: ok({ enabled: true, bucket: 'logs.s3.amazonaws.com', prefix: 'cf/' }),
        }),
        distribution('E2V2', {
          logDeliveries: ok([
            {
              deliveryId: 'd1',
              destinationArn: 'arn:aws:s3:::cf-logs',
              destinationType: 'S3',
            },
          ]),
        }),
        distribution('E3NONE'),
      ]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:cloudfront::111122223333:distribution/E1LEGACY', 'PASS', 'global'],
      ['arn:aws:cloudfront::111122223333:distribution/E2V2', 'PASS', 'global'],
      ['arn:aws:cloudfront::111122223333:distribution/E3NONE', 'FAIL', 'global'],
    ]);
    expect(results[1]?.message).toContain('delivers its access logs to arn:aws:s3:::cf-logs');
    expect(results[2]?.message).toBe(
      'CloudFront distribution E3NONE (e3none.cloudfront.net) in account 111122223333 does not log its requests',
    );
  });

  it('should be ERROR, never FAIL, when either logging source cannot be read', () => {
    const results = runCheck(
      cloudfrontDistributionLoggingEnabled,
      snapshot([
        distribution('E1', {
          logging: failed('ACCESS_DENIED', 'no cloudfront:GetDistributionConfig'),
        }),
        distribution('E2', {
          logDeliveries: failed('ACCESS_DENIED', 'no logs:DescribeDeliverySources'),
        }),
      ]),
    );
    expect(results.map((r) => [r.status, r.errorCode])).toEqual([
      ['ERROR', 'ACCESS_DENIED'],
      ['ERROR', 'ACCESS_DENIED'],
    ]);
  });

  it('should PASS on legacy logging even when v2 deliveries cannot be read', () => {
    const results = runCheck(
      cloudfrontDistributionLoggingEnabled,
      snapshot([
        distribution('E1', {
          logging: ok({ enabled: true, bucket: 'logs.s3.amazonaws.com' }),
          logDeliveries: failed('ACCESS_DENIED', 'denied'),
        }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS']);
  });

  it('should be one ERROR when the distributions could not be collected', () => {
    const results = runCheck(
      cloudfrontDistributionLoggingEnabled,
      new SnapshotBuilder().setGlobal(
        'cloudfront.distributions',
        failed('ACCESS_DENIED', 'denied'),
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        resourceUid: 'arn:aws:cloudfront::111122223333:account',
      }),
    ]);
  });

  it('should report nothing when the account has no distributions', () => {
    expect(runCheck(cloudfrontDistributionLoggingEnabled, snapshot([]))).toEqual([]);
  });
});
