import { type OperationActions } from '../framework/operation-actions';
import { deniedCalls } from './replay';

const TABLE: OperationActions = {
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:GetBucketPolicy': ['s3:GetBucketPolicy'],
  'macie2:GetMacieSession': ['macie2:GetMacieSession'],
  'apigateway:GetRestApis': ['apigateway:GET'],
  'sts:GetCallerIdentity': [],
};

const POLICIES = [
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:List*', 's3:GetBucketPolicy'], Resource: '*' }],
  },
];

const call = (service: string, operation: string) => ({ service, operation, status: 200 });

describe('deniedCalls', () => {
  it('should report nothing when every call is mapped and allowed (or needs no action)', () => {
    const log = [
      call('s3', 'ListBuckets'),
      call('s3', 'GetBucketPolicy'),
      call('sts', 'GetCallerIdentity'),
    ];
    expect(deniedCalls(log, TABLE, POLICIES)).toEqual([]);
  });

  it('should report a call whose actions the policies do not allow, with those actions', () => {
    const log = [call('s3', 'ListBuckets'), call('macie2', 'GetMacieSession')];
    expect(deniedCalls(log, TABLE, POLICIES)).toEqual([
      {
        call: log[1],
        operation: 'macie2:GetMacieSession',
        reason: 'denied',
        actions: ['macie2:GetMacieSession'],
      },
    ]);
  });

  it('should report a call whose operation is missing from the table as unmapped', () => {
    const log = [call('s3', 'GetBucketAcl')];
    expect(deniedCalls(log, TABLE, POLICIES)).toEqual([
      { call: log[0], operation: 's3:GetBucketAcl', reason: 'unmapped' },
    ]);
  });

  it('should allow a call once the inline policy grants what the managed ones lack', () => {
    const inline = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['apigateway:GET', 'macie2:GetMacieSession'], Resource: '*' },
      ],
    };
    const log = [call('apigateway', 'GetRestApis'), call('macie2', 'GetMacieSession')];
    expect(deniedCalls(log, TABLE, POLICIES)).toHaveLength(2);
    expect(deniedCalls(log, TABLE, [...POLICIES, inline])).toEqual([]);
  });
});
