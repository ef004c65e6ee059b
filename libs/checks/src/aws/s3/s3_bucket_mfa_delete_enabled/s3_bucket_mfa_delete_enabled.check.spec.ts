import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type S3BucketDetails } from '../../../collected/s3';
import { s3BucketMfaDeleteEnabled } from './s3_bucket_mfa_delete_enabled.check';

function bucket(name: string, versioning: S3BucketDetails['versioning']): S3BucketDetails {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'us-east-1',
    policy: ok(null),
    publicAccessBlock: ok(null),
    versioning,
    logging: ok(null),
    tags: ok({}),
  };
}

function run(...buckets: S3BucketDetails[]) {
  return runCheck(
    s3BucketMfaDeleteEnabled,
    new SnapshotBuilder().setGlobal('s3.buckets', ok(buckets)),
  );
}

describe('s3_bucket_mfa_delete_enabled', () => {
  it('should PASS a bucket with MFA Delete enabled, also when versioning is suspended', () => {
    const results = run(
      bucket('vault', ok({ status: 'Enabled', mfaDelete: true })),
      bucket('paused', ok({ status: 'Suspended', mfaDelete: true })),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:s3:::vault', 'PASS', 'global'],
      ['arn:aws:s3:::paused', 'PASS', 'global'],
    ]);
    expect(results[1]?.evidence).toEqual({
      bucketRegion: 'us-east-1',
      versioning: 'Suspended',
      mfaDelete: true,
    });
  });

  it('should FAIL a bucket without MFA Delete, versioned or not', () => {
    const results = run(
      bucket('versioned', ok({ status: 'Enabled', mfaDelete: false })),
      bucket('plain', ok({ status: 'Off', mfaDelete: false })),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[1]?.message).toBe(
      'Bucket plain in us-east-1 of account 111122223333 does not have MFA Delete enabled (versioning Off)',
    );
  });

  it('should be ERROR, never PASS, when a bucket’s versioning cannot be read', () => {
    expect(run(bucket('x', failed('ACCESS_DENIED', 'no s3:GetBucketVersioning')))).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: 'arn:aws:s3:::x',
      }),
    ]);
  });

  it('should be one ERROR with the collector’s code when the buckets cannot be listed', () => {
    const results = runCheck(
      s3BucketMfaDeleteEnabled,
      new SnapshotBuilder().setGlobal('s3.buckets', failed('THROTTLED', 'Rate exceeded')),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'THROTTLED' })]);
  });

  it('should report nothing when the account has no buckets', () => {
    expect(run()).toEqual([]);
  });
});
