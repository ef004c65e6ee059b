import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type PublicAccessBlock, type S3BucketDetails } from '../../../collected/s3';
import { s3BucketPublicAccessBlock } from './s3_bucket_public_access_block.check';

const ALL_ON: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

function bucket(name: string, block: S3BucketDetails['publicAccessBlock']): S3BucketDetails {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'eu-west-1',
    policy: ok(null),
    publicAccessBlock: block,
    versioning: ok({ status: 'Off', mfaDelete: false }),
    logging: ok(null),
    tags: ok({}),
  };
}

function snapshot(account: PublicAccessBlock | null, buckets: S3BucketDetails[]) {
  return new SnapshotBuilder()
    .setGlobal('s3.accountPublicAccessBlock', ok(account))
    .setGlobal('s3.buckets', ok(buckets));
}

describe('s3_bucket_public_access_block', () => {
  it('should PASS every bucket when the account-level block is fully on', () => {
    const results = runCheck(
      s3BucketPublicAccessBlock,
      snapshot(ALL_ON, [bucket('a', ok(null)), bucket('b', failed('ACCESS_DENIED', 'denied'))]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:s3:::a', 'PASS', 'global'],
      ['arn:aws:s3:::b', 'PASS', 'global'],
    ]);
  });

  it('should PASS a bucket whose own block is fully on and FAIL one with a setting off', () => {
    const results = runCheck(
      s3BucketPublicAccessBlock,
      snapshot({ ...ALL_ON, restrictPublicBuckets: false }, [
        bucket('locked', ok(ALL_ON)),
        bucket('open', ok({ ...ALL_ON, blockPublicPolicy: false })),
        bucket('none', ok(null)),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(results[1]?.evidence).toMatchObject({
      accountLevelOff: ['restrictPublicBuckets'],
      bucketLevelOff: ['blockPublicPolicy'],
    });
    expect(results[1]?.message).toContain('open');
  });

  it('should be ERROR, never PASS, when a bucket’s block cannot be read and the account is open', () => {
    const results = runCheck(
      s3BucketPublicAccessBlock,
      snapshot(null, [bucket('x', failed('ACCESS_DENIED', 'no s3:GetBucketPublicAccessBlock'))]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should be one ERROR with the collector’s code when the account block cannot be read', () => {
    const results = runCheck(
      s3BucketPublicAccessBlock,
      new SnapshotBuilder()
        .setGlobal('s3.accountPublicAccessBlock', failed('ACCESS_DENIED', 'denied'))
        .setGlobal('s3.buckets', ok([bucket('a', ok(ALL_ON))])),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: 'arn:aws:s3::111122223333:account',
      }),
    ]);
  });

  it('should report nothing when the account has no buckets', () => {
    expect(runCheck(s3BucketPublicAccessBlock, snapshot(null, []))).toEqual([]);
  });
});
