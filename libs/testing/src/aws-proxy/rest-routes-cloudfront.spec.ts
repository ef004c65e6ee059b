import { identifyRequest } from './identify-request';

const auth =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/cloudfront/aws4_request, SignedHeaders=host, Signature=abc';

describe('CloudFront routes (rest-xml)', () => {
  it.each([
    ['GET', '/2020-05-31/distribution', 'ListDistributions'],
    ['GET', '/2020-05-31/distribution?Marker=E2&MaxItems=100', 'ListDistributions'],
    ['POST', '/2020-05-31/distribution', 'CreateDistribution'],
    ['GET', '/2020-05-31/distribution/E1ABCDEF', 'GetDistribution'],
    ['DELETE', '/2020-05-31/distribution/E1ABCDEF', 'DeleteDistribution'],
    ['GET', '/2020-05-31/distribution/E1ABCDEF/config', 'GetDistributionConfig'],
    ['PUT', '/2020-05-31/distribution/E1ABCDEF/config', 'UpdateDistribution'],
  ])('names %s %s as %s', (method, url, operation) => {
    const r = identifyRequest({
      method,
      url,
      headers: { authorization: auth },
      body: Buffer.alloc(0),
    });
    expect(r).toMatchObject({ service: 'cloudfront', operation, protocol: 'rest-xml' });
  });

  it('falls back to "METHOD /path" for CloudFront routes not in the table', () => {
    const r = identifyRequest({
      method: 'GET',
      url: '/2020-05-31/distribution/E1ABCDEF/invalidation',
      headers: { authorization: auth },
      body: Buffer.alloc(0),
    });
    expect(r.operation).toBe('GET /2020-05-31/distribution/E1ABCDEF/invalidation');
  });
});
