import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type S3BucketDetails } from '../../../collected/s3';
import { s3BucketSecureTransportPolicy } from './s3_bucket_secure_transport_policy.check';

function bucket(name: string, policy: S3BucketDetails['policy']): S3BucketDetails {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'eu-west-1',
    policy,
    publicAccessBlock: ok(null),
    versioning: ok({ status: 'Off', mfaDelete: false }),
    logging: ok(null),
    tags: ok({}),
  };
}

function policyOf(...statements: object[]): S3BucketDetails['policy'] {
  return ok(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
}

const denyHttp = (name: string, over: Record<string, unknown> = {}) => ({
  Sid: 'DenyHttp',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...over,
});

function run(...buckets: S3BucketDetails[]) {
  return runCheck(
    s3BucketSecureTransportPolicy,
    new SnapshotBuilder().setGlobal('s3.buckets', ok(buckets)),
  );
}

describe('s3_bucket_secure_transport_policy', () => {
  it('should PASS a bucket whose policy denies everyone s3:* on its objects over HTTP', () => {
    const [result] = run(
      bucket(
        'tls',
        policyOf(
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::1:root' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::tls/*',
          },
          denyHttp('tls'),
        ),
      ),
    );
    expect(result).toMatchObject({
      status: 'PASS',
      region: 'global',
      resourceUid: 'arn:aws:s3:::tls',
      evidence: { bucketRegion: 'eu-west-1', denyStatements: ['DenyHttp'] },
    });
    expect(result?.message).toContain('tls');
  });

  it.each([
    [
      'AWS * principal, BoolIfExists, Get*/Put* on a bucket wildcard, no Sid',
      {
        Sid: undefined,
        Principal: { AWS: ['*'] },
        Action: ['s3:Get*', 's3:Put*'],
        Resource: 'arn:aws:s3:::tls*',
        Condition: { BoolIfExists: { 'aws:securetransport': ['False'] } },
      },
    ],
    [
      'NotAction leaving the data actions denied',
      {
        Action: undefined,
        NotAction: 's3:ListBucket',
      },
    ],
    ['Resource *', { Resource: '*' }],
  ])('should PASS an equivalent deny: %s', (_what, over) => {
    expect(run(bucket('tls', policyOf(denyHttp('tls', over))))[0]?.status).toBe('PASS');
  });

  it('should FAIL a bucket with no policy, naming it and its region', () => {
    const [result] = run(bucket('open', ok(null)));
    expect(result).toMatchObject({ status: 'FAIL', evidence: { policy: null } });
    expect(result?.message).toMatch(
      /open in eu-west-1 of account 111122223333 has no bucket policy/,
    );
  });

  it.each([
    [
      'an Allow-only policy requiring TLS',
      {
        Effect: 'Allow',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    ],
    ['a deny for one principal only', { Principal: { AWS: 'arn:aws:iam::1:user/x' } }],
    ['a deny of GetObject alone (writes stay open)', { Action: 's3:GetObject' }],
    ['a deny on the bucket but not its objects', { Resource: 'arn:aws:s3:::tls' }],
    ['a deny on another bucket’s objects', { Resource: 'arn:aws:s3:::other/*' }],
    [
      'a deny narrowed by another condition key',
      {
        Condition: {
          Bool: { 'aws:SecureTransport': 'false' },
          StringEquals: { 'aws:PrincipalAccount': '111122223333' },
        },
      },
    ],
    [
      'a deny when SecureTransport is true',
      { Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ],
    [
      'a deny on a TLS version instead',
      {
        Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      },
    ],
    ['a NotAction that excludes PutObject', { Action: undefined, NotAction: 's3:PutObject' }],
  ])('should FAIL %s', (_what, over) => {
    const [result] = run(bucket('tls', policyOf(denyHttp('tls', over))));
    expect(result).toMatchObject({ status: 'FAIL', resourceUid: 'arn:aws:s3:::tls' });
  });

  it('should be ERROR, never PASS, when a bucket’s policy cannot be read or parsed', () => {
    const results = run(
      bucket('denied', failed('ACCESS_DENIED', 'no s3:GetBucketPolicy')),
      bucket('garbled', ok('{"Statement": [')),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: 'arn:aws:s3:::denied',
      }),
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'INVALID_POLICY',
        resourceUid: 'arn:aws:s3:::garbled',
      }),
    ]);
  });

  it('should be one ERROR with the collector’s code when the buckets cannot be listed', () => {
    const results = runCheck(
      s3BucketSecureTransportPolicy,
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
    expect(run()).toEqual([]);
  });
});
