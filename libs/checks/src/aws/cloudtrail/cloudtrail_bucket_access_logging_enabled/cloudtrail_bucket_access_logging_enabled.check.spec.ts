import { type Trail } from '../../../collected/cloudtrail';
import { type S3BucketDetails } from '../../../collected/s3';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { trail } from '../trail-fixtures';
import { cloudtrailBucketAccessLoggingEnabled } from './cloudtrail_bucket_access_logging_enabled.check';

function bucket(name: string, logging: S3BucketDetails['logging']): S3BucketDetails {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'eu-west-1',
    policy: ok(null),
    publicAccessBlock: ok(null),
    versioning: ok({ status: 'Enabled', mfaDelete: false }),
    logging,
    tags: ok({}),
  };
}

function snapshot(trails: Trail[], buckets: S3BucketDetails[]) {
  return new SnapshotBuilder()
    .setRegional('cloudtrail.trails', 'eu-west-1', ok(trails))
    .setRegional('cloudtrail.trails', 'us-east-1', ok([]))
    .setGlobal('s3.buckets', ok(buckets));
}

describe('cloudtrail_bucket_access_logging_enabled', () => {
  it('should PASS a trail whose bucket logs access and FAIL one whose bucket does not', () => {
    const results = runCheck(
      cloudtrailBucketAccessLoggingEnabled,
      snapshot(
        [trail('logged', { s3BucketName: 'b1' }), trail('unlogged', { s3BucketName: 'b2' })],
        [
          bucket('b1', ok({ targetBucket: 'access-logs', targetPrefix: 'b1/' })),
          bucket('b2', ok(null)),
        ],
      ),
    );
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/logged', 'PASS'],
      ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/unlogged', 'FAIL'],
    ]);
    expect(results[0]?.evidence).toMatchObject({ bucket: 'b1', targetBucket: 'access-logs' });
    expect(results[1]?.message).toContain('bucket b2, which has no server access logging');
  });

  it('should be MANUAL, never PASS, when the bucket is in another account', () => {
    const results = runCheck(
      cloudtrailBucketAccessLoggingEnabled,
      snapshot([trail('central', { s3BucketName: 'org-log-archive' })], []),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        evidence: { bucket: 'org-log-archive', reason: 'bucket in another account' },
      }),
    ]);
  });

  it('should be ERROR when the bucket’s logging could not be read', () => {
    const results = runCheck(
      cloudtrailBucketAccessLoggingEnabled,
      snapshot(
        [trail('t1', { s3BucketName: 'b1' })],
        [bucket('b1', failed('ACCESS_DENIED', 'no s3:GetBucketLogging'))],
      ),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should be one ERROR per region when the bucket list could not be collected', () => {
    const results = runCheck(
      cloudtrailBucketAccessLoggingEnabled,
      new SnapshotBuilder()
        .setRegional('cloudtrail.trails', 'eu-west-1', ok([trail('t1')]))
        .setRegional('cloudtrail.trails', 'us-east-1', ok([]))
        .setGlobal('s3.buckets', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([
      ['ERROR', 'eu-west-1'],
      ['ERROR', 'us-east-1'],
    ]);
  });

  it('should report nothing when there are no trails', () => {
    expect(
      runCheck(cloudtrailBucketAccessLoggingEnabled, snapshot([], [bucket('b', ok(null))])),
    ).toEqual([]);
  });
});
