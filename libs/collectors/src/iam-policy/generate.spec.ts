import { join } from 'node:path';
import { OPERATION_ACTIONS } from '../catalogue';
import { type OperationActions } from '../framework/operation-actions';
import { compilePolicies } from './evaluate';
import { INLINE_POLICY_SID, generateInlinePolicy, requiredActions } from './generate';
import { loadManagedPolicies } from './managed-policies';

const SNAPSHOT = loadManagedPolicies(
  join(__dirname, '..', '..', '..', '..', 'deploy', 'aws', 'managed-policies'),
);
const MANAGED = SNAPSHOT.map((s) => s.Document);

const TABLE: OperationActions = {
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  'macie2:GetMacieSession': ['macie2:GetMacieSession'],
  'account:GetContactInformation': ['account:GetContactInformation'],
  'sts:GetCallerIdentity': [],
};

const SMALL_MANAGED = [
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:List*', Resource: '*' }] },
];

describe('requiredActions', () => {
  it('should list every action of the table once, sorted', () => {
    expect(requiredActions(TABLE)).toEqual([
      'account:GetContactInformation',
      'macie2:GetMacieSession',
      's3:ListAllMyBuckets',
      's3:ListBucket',
    ]);
  });

  it('should treat actions differing only in case as one, as IAM does', () => {
    expect(requiredActions({ 'a:X': ['s3:ListBucket'], 'a:Y': ['s3:listbucket'] })).toEqual([
      's3:ListBucket',
    ]);
  });

  it('should refuse a wildcard or anything that is not service:Action', () => {
    expect(() => requiredActions({ 's3:ListBuckets': ['s3:List*'] })).toThrow(
      "s3:ListBuckets → 's3:List*'",
    );
    expect(() => requiredActions({ 's3:ListBuckets': ['ListAllMyBuckets'] })).toThrow(
      'not an exact IAM action',
    );
  });
});

describe('generateInlinePolicy', () => {
  it('should allow, on *, exactly the actions the managed policies lack', () => {
    expect(generateInlinePolicy(TABLE, SMALL_MANAGED)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: INLINE_POLICY_SID,
          Effect: 'Allow',
          Action: ['account:GetContactInformation', 'macie2:GetMacieSession'],
          Resource: '*',
        },
      ],
    });
  });

  it('should add an action a managed policy denies explicitly', () => {
    const managed = [
      ...SMALL_MANAGED,
      { Statement: [{ Effect: 'Deny', Action: 's3:ListBucket', Resource: '*' }] },
    ];
    expect(generateInlinePolicy({ 's3:HeadBucket': ['s3:ListBucket'] }, managed)).toEqual(
      expect.objectContaining({
        Statement: [expect.objectContaining({ Action: ['s3:ListBucket'] })],
      }),
    );
  });

  it('should give no inline policy when the managed policies allow everything', () => {
    expect(generateInlinePolicy({ 's3:ListBuckets': ['s3:ListAllMyBuckets'] }, SMALL_MANAGED)).toBe(
      null,
    );
  });
});

describe('the member role policy from the real table and the managed policy snapshot', () => {
  const inline = generateInlinePolicy(OPERATION_ACTIONS, MANAGED);
  const inlineActions = inline?.Statement[0].Action ?? [];

  it('should read SecurityAudit and ViewOnlyAccess from the snapshot', () => {
    expect(SNAPSHOT.map((s) => s.Arn)).toEqual([
      'arn:aws:iam::aws:policy/SecurityAudit',
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    ]);
  });

  it('should allow every action of the table through SecurityAudit ∪ ViewOnlyAccess ∪ inline', () => {
    const role = compilePolicies(inline === null ? MANAGED : [...MANAGED, inline]);
    expect(requiredActions(OPERATION_ACTIONS).filter((a) => !role.allows(a))).toEqual([]);
  });

  it('should hold only actions the table needs and the managed policies do not allow', () => {
    const managed = compilePolicies(MANAGED);
    const required = new Set(requiredActions(OPERATION_ACTIONS));
    expect(inlineActions.filter((a) => managed.allows(a) || !required.has(a))).toEqual([]);
  });

  it('should fit the 10,240-character limit of a role inline policy (whitespace not counted)', () => {
    expect(JSON.stringify(inline).length).toBeLessThanOrEqual(10_240);
  });

  it('should know the snapshot: SecurityAudit allows apigateway:GET only on listed paths', () => {
    const managed = compilePolicies(MANAGED);
    expect(managed.allows('iam:GenerateCredentialReport')).toBe(true);
    expect(managed.allows('s3:GetBucketPublicAccessBlock')).toBe(true);
    expect(managed.allows('apigateway:GET')).toBe(false);
  });
});
