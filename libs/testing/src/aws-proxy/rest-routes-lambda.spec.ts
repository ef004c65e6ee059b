import { identifyRequest } from './identify-request';

const auth =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/lambda/aws4_request, SignedHeaders=host, Signature=abc';

describe('Lambda routes (rest-json)', () => {
  it.each([
    ['GET', '/2015-03-31/functions', 'ListFunctions'],
    ['GET', '/2015-03-31/functions/?Marker=abc&MaxItems=50', 'ListFunctions'],
    ['POST', '/2015-03-31/functions', 'CreateFunction'],
    ['GET', '/2015-03-31/functions/web', 'GetFunction'],
    ['DELETE', '/2015-03-31/functions/web', 'DeleteFunction'],
    ['GET', '/2015-03-31/functions/web/policy', 'GetPolicy'],
    [
      'GET',
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A111122223333%3Afunction%3Aweb/policy',
      'GetPolicy',
    ],
    ['POST', '/2015-03-31/functions/web/policy', 'AddPermission'],
    ['DELETE', '/2015-03-31/functions/web/policy/public-url', 'RemovePermission'],
    ['GET', '/2021-10-31/functions/web/url', 'GetFunctionUrlConfig'],
    ['POST', '/2021-10-31/functions/web/url', 'CreateFunctionUrlConfig'],
    ['PUT', '/2021-10-31/functions/web/url', 'UpdateFunctionUrlConfig'],
    ['DELETE', '/2021-10-31/functions/web/url', 'DeleteFunctionUrlConfig'],
    ['GET', '/2021-10-31/functions/web/urls', 'ListFunctionUrlConfigs'],
  ])('names %s %s as %s', (method, url, operation) => {
    const r = identifyRequest({
      method,
      url,
      headers: { authorization: auth },
      body: Buffer.alloc(0),
    });
    expect(r).toMatchObject({ service: 'lambda', operation, protocol: 'rest-json' });
  });

  it('falls back to "METHOD /path" for Lambda routes not in the table', () => {
    const r = identifyRequest({
      method: 'GET',
      url: '/2017-10-31/functions/web/concurrency',
      headers: { authorization: auth },
      body: Buffer.alloc(0),
    });
    expect(r.operation).toBe('GET /2017-10-31/functions/web/concurrency');
  });
});
