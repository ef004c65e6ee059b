import { identifyRequest } from './identify-request';

const auth =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/glacier/aws4_request, SignedHeaders=host, Signature=abc';

describe('Glacier routes (rest-json)', () => {
  it.each([
    ['GET', '/-/vaults', 'ListVaults'],
    ['GET', '/-/vaults?marker=abc&limit=10', 'ListVaults'],
    ['PUT', '/-/vaults/archive', 'CreateVault'],
    ['GET', '/111122223333/vaults/archive', 'DescribeVault'],
    ['DELETE', '/-/vaults/archive', 'DeleteVault'],
    ['GET', '/-/vaults/archive/access-policy', 'GetVaultAccessPolicy'],
    ['PUT', '/-/vaults/archive/access-policy', 'SetVaultAccessPolicy'],
    ['DELETE', '/-/vaults/archive/access-policy', 'DeleteVaultAccessPolicy'],
  ])('names %s %s as %s', (method, url, operation) => {
    const r = identifyRequest({
      method,
      url,
      headers: { authorization: auth },
      body: Buffer.alloc(0),
    });
    expect(r).toMatchObject({ service: 'glacier', operation, protocol: 'rest-json' });
  });

  it('falls back to "METHOD /path" for Glacier routes not in the table', () => {
    const r = identifyRequest({
      method: 'GET',
      url: '/-/vaults/archive/jobs',
      headers: { authorization: auth },
      body: Buffer.alloc(0),
    });
    expect(r.operation).toBe('GET /-/vaults/archive/jobs');
  });
});
