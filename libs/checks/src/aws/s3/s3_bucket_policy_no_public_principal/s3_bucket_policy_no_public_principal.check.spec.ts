import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type S3BucketDetails } from '../../../collected/s3';
import { allowEveryone } from '../../test/resource-policy-cases';
import { s3BucketPolicyNoPublicPrincipal } from './s3_bucket_policy_no_public_principal.check';

function bucket(
  name: string,
  policy: S3BucketDetails['policy'],
  region = 'eu-west-1',
): S3BucketDetails {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region,
    policy,
    publicAccessBlock: ok(null),
    versioning: ok({ status: 'Off', mfaDelete: false }),
    logging: ok(null),
    tags: ok({}),
  };
}

/** The classic "public website" policy, with an optional condition. */
const publicRead = (name: string, condition?: object): S3BucketDetails['policy'] =>
  ok(
    allowEveryone('s3:GetObject', condition, {
      Sid: 'PublicReadGetObject',
      Resource: `arn:aws:s3:::${name}/*`,
    }),
  );

const snapshot = (buckets: S3BucketDetails[]) =>
  new SnapshotBuilder().setGlobal('s3.buckets', ok(buckets));

describe('s3_bucket_policy_no_public_principal', () => {
  it('should FAIL a bucket readable by anyone, naming its own region in message and evidence', () => {
    const results = runCheck(
      s3BucketPolicyNoPublicPrincipal,
      snapshot([bucket('site', publicRead('site'), 'us-west-2')]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        region: 'global',
        resourceUid: 'arn:aws:s3:::site',
      }),
    ]);
    expect(results[0]?.message).toBe(
      'Bucket site in us-west-2 of account 111122223333 allows anyone (Principal *) s3:GetObject with no condition restricting the caller',
    );
    expect(results[0]?.evidence).toMatchObject({
      bucketRegion: 'us-west-2',
      publicStatements: [{ sid: 'PublicReadGetObject', action: ['s3:GetObject'] }],
    });
  });

  it('should PASS buckets with no policy, or with Principal * limited to a VPC endpoint', () => {
    const results = runCheck(
      s3BucketPolicyNoPublicPrincipal,
      snapshot([
        bucket('plain', ok(null)),
        bucket('vpc', publicRead('vpc', { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } })),
      ]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.message])).toEqual([
      [
        'arn:aws:s3:::plain',
        'PASS',
        'Bucket plain in eu-west-1 of account 111122223333 has no bucket policy',
      ],
      [
        'arn:aws:s3:::vpc',
        'PASS',
        'Bucket vpc in eu-west-1 of account 111122223333 has a bucket policy that allows no one unrestricted access (Principal *)',
      ],
    ]);
    expect(results[0]?.evidence).toEqual({ bucketRegion: 'eu-west-1' });
  });

  it('should FAIL when the condition admits every address', () => {
    const results = runCheck(
      s3BucketPolicyNoPublicPrincipal,
      snapshot([bucket('ip', publicRead('ip', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }))]),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
  });

  it('should be ERROR, never PASS, when a bucket policy cannot be read or parsed', () => {
    const results = runCheck(
      s3BucketPolicyNoPublicPrincipal,
      snapshot([
        bucket('denied', failed('ACCESS_DENIED', 'no s3:GetBucketPolicy')),
        bucket('garbled', ok('nope')),
      ]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
    ]);
    expect(results[0]?.message).toBe(
      'could not read the bucket policy of bucket denied in eu-west-1 of account 111122223333: no s3:GetBucketPolicy',
    );
    expect(results.map((r) => r.evidence)).toEqual([
      { bucketRegion: 'eu-west-1' },
      { bucketRegion: 'eu-west-1' },
    ]);
  });

  it('should be one ERROR with the collector’s code when the buckets cannot be listed', () => {
    const results = runCheck(
      s3BucketPolicyNoPublicPrincipal,
      new SnapshotBuilder().setGlobal('s3.buckets', failed('ACCESS_DENIED', 'denied')),
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
    expect(runCheck(s3BucketPolicyNoPublicPrincipal, snapshot([]))).toEqual([]);
  });
});
