import { errorResponse } from './error-responses';
import { errorFor, type ErrorRule } from './faults';
import { decodeWithSdk } from './sdk-error-decoder';
import { type AwsProtocol, type RequestIdentity } from './types';

const identity = (protocol: AwsProtocol, service: string, operation: string): RequestIdentity => ({
  service,
  operation,
  region: 'us-east-1',
  accessKeyId: 'testing',
  account: '123456789012',
  protocol,
  assumeRole: { roleArn: 'arn:aws:iam::111111111111:role/x' },
});

const SERVICES: Record<AwsProtocol, [string, string]> = {
  query: ['sts', 'GetCallerIdentity'],
  ec2: ['ec2', 'DescribeRegions'],
  json: ['organizations', 'ListAccounts'],
  'rest-json': ['inspector2', 'ListFindings'],
  'rest-xml': ['s3', 'ListBuckets'],
};

async function sdkErrorFor(rule: ErrorRule, protocol: AwsProtocol) {
  const [service, operation] = SERVICES[protocol];
  const r = errorResponse(protocol, errorFor(rule, identity(protocol, service, operation)), {
    'content-type': 'application/x-amz-json-1.1',
  });
  return { decoded: await decodeWithSdk(protocol, r.status, r.headers, r.body), response: r };
}

describe('error responses as the AWS SDK v3 decodes them', () => {
  it.each<[AwsProtocol, string, number]>([
    ['query', 'AccessDenied', 403],
    ['ec2', 'UnauthorizedOperation', 403],
    ['json', 'AccessDeniedException', 400],
    ['rest-json', 'AccessDeniedException', 403],
    ['rest-xml', 'AccessDenied', 403],
  ])('accessDenied on %s surfaces as %s with HTTP %d', async (protocol, name, status) => {
    const { decoded } = await sdkErrorFor({ kind: 'accessDenied' }, protocol);
    expect(decoded).toMatchObject({ name, httpStatusCode: status, fault: 'client' });
    expect(decoded.message).toContain('is not authorized to perform');
  });

  it.each<AwsProtocol>(['query', 'ec2', 'json', 'rest-json', 'rest-xml'])(
    'scpDeny on %s carries the explicit-deny-in-an-SCP message',
    async (protocol) => {
      const { decoded } = await sdkErrorFor({ kind: 'scpDeny' }, protocol);
      expect(decoded.message).toContain('with an explicit deny in a service control policy');
    },
  );

  it.each<[AwsProtocol, string, number]>([
    ['ec2', 'OptInRequired', 403],
    ['json', 'UnrecognizedClientException', 400],
    ['rest-json', 'UnrecognizedClientException', 403],
    ['query', 'InvalidClientTokenId', 403],
  ])('regionNotEnabled on %s surfaces as %s with HTTP %d', async (protocol, name, status) => {
    const { decoded } = await sdkErrorFor({ kind: 'regionNotEnabled' }, protocol);
    expect(decoded).toMatchObject({ name, httpStatusCode: status });
  });

  it('regionNotEnabled can force OptInRequired on a JSON service', async () => {
    const { decoded } = await sdkErrorFor(
      { kind: 'regionNotEnabled', code: 'OptInRequired' },
      'json',
    );
    expect(decoded.name).toBe('OptInRequired');
  });

  it.each<[AwsProtocol, string]>([
    ['json', 'ThrottlingException'],
    ['rest-json', 'ThrottlingException'],
    ['query', 'Throttling'],
    ['ec2', 'RequestLimitExceeded'],
  ])('throttle on %s surfaces as %s with HTTP 429 and Retry-After', async (protocol, name) => {
    const { decoded, response } = await sdkErrorFor(
      { kind: 'throttle', retryAfterSeconds: 2 },
      protocol,
    );
    expect(decoded).toMatchObject({ name, httpStatusCode: 429 });
    expect(response.headers['retry-after']).toBe('2');
  });

  it('throttle on S3 is a 503 SlowDown, a server fault', async () => {
    const { decoded } = await sdkErrorFor({ kind: 'throttle' }, 'rest-xml');
    expect(decoded).toMatchObject({ name: 'SlowDown', httpStatusCode: 503, fault: 'server' });
  });

  it('assumeRoleRefused names the role in an STS AccessDenied', async () => {
    const { decoded } = await sdkErrorFor({ kind: 'assumeRoleRefused' }, 'query');
    expect(decoded).toMatchObject({ name: 'AccessDenied', httpStatusCode: 403 });
    expect(decoded.message).toBe(
      'User: arn:aws:iam::123456789012:user/moto is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/x',
    );
  });

  it('orgsTooManyRequests is a JSON 1.1 TooManyRequestsException with HTTP 400', async () => {
    const { decoded, response } = await sdkErrorFor({ kind: 'orgsTooManyRequests' }, 'json');
    expect(decoded).toMatchObject({ name: 'TooManyRequestsException', httpStatusCode: 400 });
    expect(JSON.parse(response.body)).toMatchObject({ __type: 'TooManyRequestsException' });
  });

  it('escapes XML in messages so the body stays well-formed', async () => {
    const { decoded } = await sdkErrorFor(
      { kind: 'accessDenied', message: 'a <b> & "c"' },
      'query',
    );
    expect(decoded.message).toBe('a <b> & "c"');
  });

  it('adds the x-amzn-query-error header for JSON services in query-compatible mode', () => {
    const r = errorResponse(
      'json',
      { code: 'Throttling', message: 'Rate exceeded', status: 400 },
      { 'x-amzn-query-mode': 'true' },
    );
    expect(r.headers['x-amzn-query-error']).toBe('Throttling;Sender');
  });
});
