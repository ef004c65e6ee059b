import { compilePolicies, isActionAllowed } from './evaluate';

const allow = (statement: object) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Resource: '*', ...statement }],
});

describe('isActionAllowed', () => {
  it('should allow an action an Allow statement lists, and not one it does not', () => {
    const policies = [allow({ Action: ['s3:ListAllMyBuckets', 'iam:GetAccountSummary'] })];
    expect(isActionAllowed('s3:ListAllMyBuckets', policies)).toBe(true);
    expect(isActionAllowed('s3:ListBucket', policies)).toBe(false);
  });

  it('should compare actions case-insensitively, as IAM does', () => {
    expect(isActionAllowed('S3:LISTALLMYBUCKETS', [allow({ Action: 's3:ListAllMyBuckets' })])).toBe(
      true,
    );
  });

  it('should expand IAM wildcards: * any run, ? one character, nothing else', () => {
    const policies = [allow({ Action: ['ec2:Describe*', 'kms:Get?eyPolicy', 'sns:List.opics'] })];
    expect(isActionAllowed('ec2:DescribeRegions', policies)).toBe(true);
    expect(isActionAllowed('ec2:DescribeInstances', policies)).toBe(true);
    expect(isActionAllowed('ec2:GetEbsDefaultKmsKeyId', policies)).toBe(false);
    expect(isActionAllowed('kms:GetKeyPolicy', policies)).toBe(true);
    expect(isActionAllowed('kms:GetKeyyPolicy', policies)).toBe(false);
    // `.` is literal, not a regular-expression wildcard.
    expect(isActionAllowed('sns:ListTopics', policies)).toBe(false);
  });

  it('should allow, through NotAction, every action it does not list', () => {
    const policies = [allow({ NotAction: ['iam:*', 'organizations:*'] })];
    expect(isActionAllowed('s3:GetBucketPolicy', policies)).toBe(true);
    expect(isActionAllowed('iam:GetAccountSummary', policies)).toBe(false);
  });

  it('should let an explicit Deny win over any Allow, with Action or NotAction', () => {
    const policies = [
      allow({ Action: '*' }),
      { Statement: { Effect: 'Deny', Action: 's3:Get*', Resource: 'arn:aws:s3:::b' } },
      { Statement: [{ Effect: 'Deny', NotAction: ['ec2:*', 's3:*'], Resource: '*' }] },
    ];
    expect(isActionAllowed('s3:GetBucketPolicy', policies)).toBe(false);
    expect(isActionAllowed('iam:GetAccountSummary', policies)).toBe(false);
    expect(isActionAllowed('s3:ListAllMyBuckets', policies)).toBe(true);
    expect(isActionAllowed('ec2:DescribeRegions', policies)).toBe(true);
  });

  it('should not count an Allow limited to some resources or to a condition', () => {
    expect(
      isActionAllowed('apigateway:GET', [
        allow({ Action: 'apigateway:GET', Resource: ['arn:aws:apigateway:*::/restapis'] }),
      ]),
    ).toBe(false);
    expect(
      isActionAllowed('s3:ListBucket', [
        allow({ Action: 's3:ListBucket', NotResource: 'arn:aws:s3:::secret' }),
      ]),
    ).toBe(false);
    expect(
      isActionAllowed('kms:ListKeys', [
        allow({ Action: 'kms:ListKeys', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      ]),
    ).toBe(false);
  });

  it('should allow nothing without policies or statements', () => {
    expect(isActionAllowed('s3:ListAllMyBuckets', [])).toBe(false);
    expect(isActionAllowed('s3:ListAllMyBuckets', [{ Version: '2012-10-17', Statement: [] }])).toBe(
      false,
    );
  });

  it('should answer many questions from policies compiled once', () => {
    const evaluator = compilePolicies([allow({ Action: 'logs:Describe*' })]);
    expect(['logs:DescribeMetricFilters', 'logs:FilterLogEvents'].map(evaluator.allows)).toEqual([
      true,
      false,
    ]);
  });
});
