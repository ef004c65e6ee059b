import { restOperation } from './rest-routes';

describe('REST routes of S3 Control (signed as s3)', () => {
  it.each([
    ['GET', 'GetAccountPublicAccessBlock'],
    ['PUT', 'PutAccountPublicAccessBlock'],
    ['DELETE', 'DeleteAccountPublicAccessBlock'],
  ])(
    'names %s of the account-level public access block as %s (its IAM action)',
    (method, operation) => {
      expect(
        restOperation(
          's3',
          method,
          '/v20180820/configuration/publicAccessBlock',
          new URLSearchParams(),
        ),
      ).toBe(operation);
    },
  );

  it('keeps the bucket-level operation’s own name', () => {
    expect(restOperation('s3', 'GET', '/bucket', new URLSearchParams('publicAccessBlock='))).toBe(
      'GetPublicAccessBlock',
    );
  });
});
