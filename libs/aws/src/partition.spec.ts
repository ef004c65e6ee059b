import { accountOfArn, arnFor, partitionOf, partitionOfRegion } from './partition';

describe('partitionOf', () => {
  it.each([
    ['arn:aws:sts::123456789012:assumed-role/member/palisade-1', 'aws'],
    ['arn:aws-us-gov:sts::123456789012:assumed-role/member/palisade-1', 'aws-us-gov'],
    ['arn:aws-cn:sts::123456789012:assumed-role/member/palisade-1', 'aws-cn'],
    ['arn:aws:iam::123456789012:user/alice', 'aws'],
    ['arn:aws-cn:s3:::bucket', 'aws-cn'],
  ])('should read the partition of %s as %s', (arn, partition) => {
    expect(partitionOf(arn)).toBe(partition);
  });

  it.each(['', 'not-an-arn', 'arn:azure:sts::123456789012:x', 'arn::sts::123456789012:x'])(
    'should refuse %j instead of defaulting to aws',
    (arn) => {
      expect(() => partitionOf(arn)).toThrow(/known AWS partition/);
    },
  );
});

describe('accountOfArn', () => {
  it('should read the account of a role and of an assumed-role session', () => {
    expect(accountOfArn('arn:aws:iam::210987654321:role/palisade')).toBe('210987654321');
    expect(accountOfArn('arn:aws-us-gov:sts::210987654321:assumed-role/r/s')).toBe('210987654321');
  });

  it('should have no account for an account-less ARN', () => {
    expect(accountOfArn('arn:aws:s3:::bucket')).toBeUndefined();
  });
});

describe('arnFor', () => {
  it.each([
    ['aws', 'iam', '', '123456789012', 'root', 'arn:aws:iam::123456789012:root'],
    [
      'aws-us-gov',
      'ec2',
      'us-gov-west-1',
      '123456789012',
      'region',
      'arn:aws-us-gov:ec2:us-gov-west-1:123456789012:region',
    ],
    ['aws-cn', 's3', '', '', 'bucket', 'arn:aws-cn:s3:::bucket'],
    ['aws', 'iam', 'global', '123456789012', 'account', 'arn:aws:iam::123456789012:account'],
  ] as const)(
    'should build the %s ARN of %s %s',
    (partition, service, region, account, resource, arn) => {
      expect(arnFor(partition, service, region, account, resource)).toBe(arn);
    },
  );

  it('should round-trip the partition of an ARN it built', () => {
    for (const p of ['aws', 'aws-us-gov', 'aws-cn'] as const) {
      expect(partitionOf(arnFor(p, 'sts', '', '123456789012', 'assumed-role/r/s'))).toBe(p);
    }
  });
});

describe('partitionOfRegion', () => {
  it.each([
    ['eu-west-1', 'aws'],
    ['ap-east-1', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('should place %s in %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });
});
