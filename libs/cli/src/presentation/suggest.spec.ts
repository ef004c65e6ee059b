import { orList, suggest } from './suggest';

describe('suggest', () => {
  const checks = [
    'iam_root_mfa_enabled',
    'iam_root_hardware_mfa_enabled',
    's3_bucket_public_access_block',
  ];

  it('should find the candidate a typo meant', () => {
    expect(suggest('iam_root_mfa_enable', checks)).toBe('iam_root_mfa_enabled');
    expect(suggest('s3_bucket_pubic_acess_block', checks)).toBe('s3_bucket_public_access_block');
    expect(suggest('IAM_ROOT_MFA_ENABLED', checks)).toBe('iam_root_mfa_enabled');
  });

  it('should offer the only candidate that starts with the input', () => {
    expect(suggest('s3_bucket', checks)).toBe('s3_bucket_public_access_block');
    expect(suggest('iam_root', checks)).toBeUndefined();
    expect(suggest('s3', checks)).toBeUndefined();
  });

  it('should suggest nothing for a different word', () => {
    expect(suggest('firewall', checks)).toBeUndefined();
    expect(suggest('', checks)).toBeUndefined();
    expect(suggest('ab', ['cd'])).toBeUndefined();
  });

  it('should prefer the earlier of equally near candidates', () => {
    expect(suggest('scan1', ['scan2', 'scan3'])).toBe('scan2');
  });
});

describe('orList', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a or b'],
    [['a', 'b', 'c'], 'a, b or c'],
  ])('should join %j as %j', (items, text) => {
    expect(orList(items)).toBe(text);
  });
});
