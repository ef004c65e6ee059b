import { identifyRequest } from './identify-request';

const auth =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/account/aws4_request, SignedHeaders=host, Signature=abc';

function identify(method: string, url: string) {
  return identifyRequest({
    method,
    url,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: Buffer.from('{"AlternateContactType":"SECURITY"}'),
  });
}

describe('AWS Account Management routes (rest-json)', () => {
  it.each([
    ['/getContactInformation', 'GetContactInformation'],
    ['/putContactInformation', 'PutContactInformation'],
    ['/getAlternateContact', 'GetAlternateContact'],
    ['/putAlternateContact', 'PutAlternateContact'],
    ['/deleteAlternateContact', 'DeleteAlternateContact'],
    ['/getAccountInformation', 'GetAccountInformation'],
    ['/getPrimaryEmail', 'GetPrimaryEmail'],
    ['/getRegionOptStatus', 'GetRegionOptStatus'],
    ['/listRegions', 'ListRegions'],
  ])('names POST %s as %s', (url, operation) => {
    expect(identify('POST', url)).toMatchObject({
      service: 'account',
      operation,
      protocol: 'rest-json',
    });
  });

  it('falls back to "METHOD /path" for a method or path not in the table', () => {
    expect(identify('GET', '/getAlternateContact').operation).toBe('GET /getAlternateContact');
    expect(identify('POST', '/enableRegion').operation).toBe('POST /enableRegion');
  });
});
