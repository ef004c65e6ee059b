import {
  actionsCover,
  conditionRestricts,
  grantedActions,
  parsePolicy,
  principalIsEveryone,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
  wildcardMatch,
} from './policy';

/** A one-statement policy with `Principal: *` on sqs:SendMessage and the given condition. */
function openWith(condition?: Record<string, Record<string, string | string[]>>, extra = {}) {
  return parsePolicy({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Open',
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: 'arn:aws:sqs:eu-west-1:111122223333:q',
        ...(condition ? { Condition: condition } : {}),
        ...extra,
      },
    ],
  });
}

const isPublic = (condition?: Record<string, Record<string, string | string[]>>) =>
  publicAllowStatements(openWith(condition)).length > 0;

describe('parsePolicy', () => {
  it('should normalise single values to lists and keep sid, principal and condition', () => {
    const doc = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: {
          Sid: 'A',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
      }),
    );
    expect(doc).toEqual({
      version: '2012-10-17',
      statements: [
        {
          sid: 'A',
          effect: 'Allow',
          principal: { AWS: ['arn:aws:iam::111122223333:root'] },
          action: ['s3:GetObject'],
          notAction: [],
          resource: ['arn:aws:s3:::b/*'],
          notResource: [],
          condition: { Bool: { 'aws:SecureTransport': ['true'] } },
        },
      ],
    });
  });

  it('should decode the URL-encoded documents IAM returns', () => {
    const encoded = encodeURIComponent(
      JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
    );
    expect(parsePolicy(encoded).statements[0]?.effect).toBe('Deny');
  });

  it('should throw on text that is not a policy document', () => {
    expect(() => parsePolicy('not json')).toThrow();
    expect(() => parsePolicy('"just a string"')).toThrow('a policy document is an object');
  });
});

describe('readPolicy', () => {
  it('should give the document, or INVALID_POLICY for text that is not one', () => {
    expect(readPolicy('{"Statement":[]}')).toEqual({ ok: true, data: { statements: [] } });
    expect(readPolicy('{oops')).toEqual(
      expect.objectContaining({ ok: false, code: 'INVALID_POLICY' }),
    );
  });
});

describe('wildcardMatch and actionsCover', () => {
  it('should match IAM wildcards case-insensitively and nothing more', () => {
    expect(wildcardMatch('s3:Get*', 's3:getobject')).toBe(true);
    expect(wildcardMatch('s3:?etObject', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('s3:Get*', 's3:PutObject')).toBe(false);
    expect(wildcardMatch('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(actionsCover(['iam:*', 's3:List*'], 's3:ListBucket')).toBe(true);
    expect(actionsCover(['iam:*'], 's3:ListBucket')).toBe(false);
  });
});

describe('principalIsEveryone', () => {
  it('should admit "*" and AWS "*" only', () => {
    expect(principalIsEveryone('*')).toBe(true);
    expect(principalIsEveryone({ AWS: ['arn:aws:iam::111122223333:root', '*'] })).toBe(true);
    expect(principalIsEveryone({ AWS: ['arn:aws:iam::111122223333:root'] })).toBe(false);
    expect(principalIsEveryone({ Service: ['sns.amazonaws.com'] })).toBe(false);
    expect(principalIsEveryone(undefined)).toBe(false);
  });

  it('should admit an AWS principal ARN whose account is a wildcard', () => {
    expect(principalIsEveryone({ AWS: ['arn:aws:iam::*:root'] })).toBe(true);
    expect(principalIsEveryone({ AWS: ['arn:aws-us-gov:iam::*:role/any'] })).toBe(true);
    expect(principalIsEveryone({ AWS: ['arn:aws:iam::111122223333:role/*'] })).toBe(false);
  });
});

describe('publicAllowStatements', () => {
  it('should report Principal * with no condition, and AWS * the same', () => {
    expect(isPublic()).toBe(true);
    const aws = parsePolicy({
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }],
    });
    expect(publicAllowStatements(aws)).toHaveLength(1);
  });

  it('should not report Deny statements or statements for named principals', () => {
    const doc = parsePolicy({
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' },
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: '*',
          Resource: '*',
        },
        { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish' },
      ],
    });
    expect(publicAllowStatements(doc)).toEqual([]);
  });

  it('should report an Allow with NotPrincipal: it admits everyone not listed', () => {
    const doc = parsePolicy({
      Statement: [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/blocked' },
          Action: 's3:GetObject',
          Resource: '*',
        },
      ],
    });
    expect(publicAllowStatements(doc)).toHaveLength(1);
  });

  it('should not report conditions naming one account, organization, network or source', () => {
    expect(isPublic({ StringEquals: { 'aws:SourceAccount': '111122223333' } })).toBe(false);
    expect(isPublic({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } })).toBe(false);
    expect(
      isPublic({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/*' } }),
    ).toBe(false);
    expect(isPublic({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } })).toBe(false);
    expect(isPublic({ ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } })).toBe(false);
    expect(isPublic({ StringEquals: { 'aws:SourceVpce': 'vpce-0123' } })).toBe(false);
    expect(isPublic({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.0/24'] } })).toBe(false);
    expect(isPublic({ StringEquals: { 'kms:CallerAccount': '111122223333' } })).toBe(false);
    expect(isPublic({ StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } })).toBe(false);
  });

  it('should treat condition operators and keys case-insensitively', () => {
    expect(isPublic({ stringequals: { 'AWS:SOURCEACCOUNT': '111122223333' } })).toBe(false);
  });

  it('should report conditions that any account can meet', () => {
    expect(isPublic({ StringEquals: { 'aws:SourceAccount': '*' } })).toBe(true);
    expect(isPublic({ StringLike: { 'aws:PrincipalAccount': '1111*' } })).toBe(true);
    expect(isPublic({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } })).toBe(true);
    expect(isPublic({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:*:topic' } })).toBe(true);
    expect(isPublic({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } })).toBe(true);
    expect(isPublic({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:*' } })).toBe(true);
    expect(isPublic({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).toBe(true);
    expect(isPublic({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '::/0'] } })).toBe(true);
    expect(isPublic({ StringEquals: { 'aws:username': 'alice' } })).toBe(true);
    expect(isPublic({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } })).toBe(
      true,
    );
    expect(isPublic({ StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } })).toBe(true);
    expect(isPublic({ Bool: { 'aws:SecureTransport': 'true' } })).toBe(true);
  });

  it('should report negated, Null, ForAllValues and IfExists conditions (they hold for strangers)', () => {
    expect(isPublic({ StringNotEquals: { 'aws:SourceAccount': '111122223333' } })).toBe(true);
    expect(isPublic({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe(true);
    expect(isPublic({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } })).toBe(
      true,
    );
    expect(isPublic({ Null: { 'aws:SourceAccount': 'false' } })).toBe(true);
    expect(isPublic({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } })).toBe(
      true,
    );
    expect(isPublic({ StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } })).toBe(true);
  });

  it('should need every value of a restricting key to restrict', () => {
    expect(isPublic({ StringEquals: { 'aws:SourceAccount': ['111122223333', '*'] } })).toBe(true);
  });

  it('should count one restricting key among others as enough (keys are ANDed)', () => {
    expect(
      isPublic({
        Bool: { 'aws:SecureTransport': 'true' },
        StringEquals: {
          'kms:ViaService': 'ec2.eu-west-1.amazonaws.com',
          'kms:CallerAccount': '111122223333',
        },
      }),
    ).toBe(false);
  });
});

describe('conditionRestricts', () => {
  it('should be false for an empty condition', () => {
    expect(conditionRestricts({})).toBe(false);
  });
});

describe('grantedActions', () => {
  it('should list actions once, and NotAction as every action except those', () => {
    const doc = parsePolicy({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'] },
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' },
        { Effect: 'Allow', Principal: '*', NotAction: ['s3:DeleteObject', 's3:PutObject'] },
      ],
    });
    expect(grantedActions(doc.statements)).toEqual([
      's3:GetObject',
      's3:ListBucket',
      'every action except s3:DeleteObject, s3:PutObject',
    ]);
  });
});

describe('statementEvidence', () => {
  it('should keep what a reader needs and leave empty parts out', () => {
    const doc = openWith({ Bool: { 'aws:SecureTransport': 'true' } });
    expect(statementEvidence(doc.statements)).toEqual([
      {
        sid: 'Open',
        effect: 'Allow',
        principal: '*',
        action: ['sqs:SendMessage'],
        resource: ['arn:aws:sqs:eu-west-1:111122223333:q'],
        condition: { Bool: { 'aws:SecureTransport': ['true'] } },
      },
    ]);
  });
});
