import { type AwsCredentialIdentity } from '@smithy/types';
import { createHash, createHmac } from 'node:crypto';
import { mskIamTokenProvider } from './msk-iam-token';

const BASE_IDENTITY: AwsCredentialIdentity = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+session/token==',
};

/** The presigned URL an MSK IAM token carries (base64url, unpadded). */
function decode(token: string): URL {
  expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  return new URL(Buffer.from(token, 'base64url').toString('utf8'));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) =>
  createHmac('sha256', key).update(text).digest();
const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * SigV4 query signing as AWS documents it, computed here independently of the signer: what
 * MSK recomputes to accept the token. `User-Agent` is appended after signing, so is not signed.
 */
function expectedSignature(url: URL, secretAccessKey: string): string {
  const params = [...url.searchParams].filter(
    ([key]) => key !== 'X-Amz-Signature' && key !== 'User-Agent',
  );
  const canonicalQuery = params
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = ['GET', '/', canonicalQuery, `host:${url.host}`, '', 'host', sha256('')];
  const [, date, region, service] = (url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  const scope = [date, region, service, 'aws4_request'].join('/');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    url.searchParams.get('X-Amz-Date'),
    scope,
    sha256(canonicalRequest.join('\n')),
  ].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, date ?? '');
  for (const part of [region ?? '', service ?? '', 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('mskIamTokenProvider', () => {
  it('should sign a kafka-cluster:Connect URL for the MSK region with the given identity', async () => {
    const provide = mskIamTokenProvider('eu-west-1', () => Promise.resolve(BASE_IDENTITY));

    const { value } = await provide();
    const url = decode(value);

    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('kafka.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    const [accessKeyId, date, region, service, terminator] = (
      url.searchParams.get('X-Amz-Credential') ?? ''
    ).split('/');
    expect([accessKeyId, region, service, terminator]).toEqual([
      BASE_IDENTITY.accessKeyId,
      'eu-west-1',
      'kafka-cluster',
      'aws4_request',
    ]);
    expect(url.searchParams.get('X-Amz-Date')?.slice(0, 8)).toBe(date);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(BASE_IDENTITY.sessionToken);
    expect(url.searchParams.get('User-Agent')).toMatch(
      /^aws-msk-iam-sasl-signer-js\/\d+\.\d+\.\d+$/,
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(url, BASE_IDENTITY.secretAccessKey),
    );
    expect(url.toString()).not.toContain(encodeURIComponent(BASE_IDENTITY.secretAccessKey));
    expect(url.toString()).not.toContain(BASE_IDENTITY.secretAccessKey);
  });

  it('should sign every (re-)authentication afresh, with the credentials current at that moment', async () => {
    const rotated: AwsCredentialIdentity = {
      accessKeyId: 'ASIAROTATEDEXAMPLE01',
      secretAccessKey: 'rotated-secret-access-key-example-0000000',
    };
    const identities = [BASE_IDENTITY, rotated];
    const provide = mskIamTokenProvider('us-east-1', () =>
      Promise.resolve(identities.shift() ?? rotated),
    );

    const first = decode((await provide()).value);
    const second = decode((await provide()).value);

    expect(first.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAIOSFODNN7EXAMPLE\//);
    expect(second.searchParams.get('X-Amz-Credential')).toMatch(/^ASIAROTATEDEXAMPLE01\//);
    expect(second.searchParams.has('X-Amz-Security-Token')).toBe(false);
    expect(second.searchParams.get('X-Amz-Signature')).toBe(
      expectedSignature(second, rotated.secretAccessKey),
    );
  });

  it('should fail the authentication when no credentials can be found', async () => {
    const provide = mskIamTokenProvider('us-east-1', () =>
      Promise.reject(new Error('Could not load credentials from any providers')),
    );

    await expect(provide()).rejects.toThrow('Could not load credentials from any providers');
  });
});
