import { identifyRequest, type RequestLine } from './identify-request';

const auth = (service: string, region = 'eu-west-1', key = 'AKIDEXAMPLE') =>
  `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

const line = (over: Partial<RequestLine> & { service: string }): RequestLine => ({
  method: over.method ?? 'POST',
  url: over.url ?? '/',
  headers: { authorization: auth(over.service), ...over.headers },
  body: over.body ?? Buffer.alloc(0),
});

describe('identifyRequest', () => {
  it('reads service, region and access key from the SigV4 credential scope', () => {
    const r = identifyRequest(
      line({
        service: 'sts',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
      }),
    );
    expect(r).toMatchObject({
      service: 'sts',
      region: 'eu-west-1',
      accessKeyId: 'AKIDEXAMPLE',
      operation: 'GetCallerIdentity',
      protocol: 'query',
    });
  });

  it('takes a JSON operation from X-Amz-Target', () => {
    const r = identifyRequest(
      line({
        service: 'organizations',
        headers: {
          'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts',
          'content-type': 'application/x-amz-json-1.1',
        },
        body: Buffer.from('{}'),
      }),
    );
    expect(r).toMatchObject({ operation: 'ListAccounts', protocol: 'json' });
  });

  it('classifies EC2 query calls as the ec2 protocol, with Action from the query string', () => {
    const r = identifyRequest(
      line({ service: 'ec2', method: 'GET', url: '/?Action=DescribeRegions&Version=2016-11-15' }),
    );
    expect(r).toMatchObject({ operation: 'DescribeRegions', protocol: 'ec2' });
  });

  it('records AssumeRole parameters but nothing else from the form body', () => {
    const body =
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fx&RoleSessionName=s1&ExternalId=ext-1&SourceIdentity=alice&DurationSeconds=900';
    const r = identifyRequest(
      line({
        service: 'sts',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: Buffer.from(body),
      }),
    );
    expect(r.assumeRole).toEqual({
      roleArn: 'arn:aws:iam::111111111111:role/x',
      roleSessionName: 's1',
      externalId: 'ext-1',
      sourceIdentity: 'alice',
      durationSeconds: 900,
    });
  });

  it.each([
    ['GET', '/', 'ListBuckets'],
    ['GET', '/bucket', 'ListObjects'],
    ['GET', '/bucket?list-type=2', 'ListObjectsV2'],
    ['GET', '/bucket?policy', 'GetBucketPolicy'],
    ['PUT', '/bucket?publicAccessBlock', 'PutPublicAccessBlock'],
    ['GET', '/bucket?policyStatus', 'GetBucketPolicyStatus'],
    ['PUT', '/bucket', 'CreateBucket'],
    ['GET', '/bucket/some/key', 'GetObject'],
    ['GET', '/v20180820/configuration/publicAccessBlock', 'GetAccountPublicAccessBlock'],
  ])('names S3 %s %s as %s', (method, url, operation) => {
    const r = identifyRequest(line({ service: 's3', method, url }));
    expect(r).toMatchObject({ operation, protocol: 'rest-xml' });
  });

  it.each([
    ['POST', '/findings/list', 'ListFindings'],
    ['POST', '/status/batch/get', 'BatchGetAccountStatus'],
    ['POST', '/delegatedadminaccounts/list', 'ListDelegatedAdminAccounts'],
    ['GET', '/tags/arn%3Aaws%3Ainspector2', 'ListTagsForResource'],
  ])('names Inspector2 %s %s as %s', (method, url, operation) => {
    const r = identifyRequest(line({ service: 'inspector2', method, url }));
    expect(r).toMatchObject({ operation, protocol: 'rest-json' });
  });

  it('falls back to "METHOD /path" for REST routes not in the table', () => {
    const r = identifyRequest(
      line({ service: 'inspector2', method: 'POST', url: '/something/new' }),
    );
    expect(r.operation).toBe('POST /something/new');
  });

  it('reads the scope of a presigned URL', () => {
    const cred = encodeURIComponent('AKIDPRESIGN/20260101/us-west-2/s3/aws4_request');
    const r = identifyRequest({
      method: 'GET',
      url: `/bucket/key?X-Amz-Credential=${cred}&X-Amz-Signature=x`,
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(r).toMatchObject({
      service: 's3',
      region: 'us-west-2',
      accessKeyId: 'AKIDPRESIGN',
      operation: 'GetObject',
    });
  });

  it('marks unsigned requests as unknown service and region', () => {
    const r = identifyRequest({
      method: 'POST',
      url: '/',
      headers: { host: '127.0.0.1:1' },
      body: Buffer.alloc(0),
    });
    expect(r).toMatchObject({ service: 'unknown', region: 'unknown', accessKeyId: '' });
  });
});
