import { failed, ok } from '../../../framework/outcome';
import { runCheck } from '../../../framework/check-kit';
import { type LambdaFunction } from '../../../collected/lambda';
import { inEuWest1 } from '../../test/resource-policy-cases';
import { lambdaFunctionPolicyNoPublicPrincipal as check } from './lambda_function_policy_no_public_principal.check';

const URL = 'https://abcdefghij.lambda-url.eu-west-1.on.aws/';

function fn(name: string, overrides: Partial<LambdaFunction> = {}): LambdaFunction {
  return {
    name,
    arn: `arn:aws:lambda:eu-west-1:111122223333:function:${name}`,
    runtime: 'nodejs20.x',
    policy: ok(null),
    urlConfig: ok(null),
    ...overrides,
  };
}

/** `aws lambda add-permission` statements, as GetPolicy returns them. */
function policy(...statements: object[]): LambdaFunction['policy'] {
  return ok(JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }));
}

/** The statement the console adds for a function URL with auth type NONE. */
const PUBLIC_URL_STATEMENT = {
  Sid: 'FunctionURLAllowPublicAccess',
  Effect: 'Allow',
  Principal: '*',
  Action: 'lambda:InvokeFunctionUrl',
  Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:web',
  Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
};

/** S3 may invoke, but only for one bucket of this account. */
const S3_TRIGGER_STATEMENT = {
  Sid: 's3-trigger',
  Effect: 'Allow',
  Principal: { Service: 's3.amazonaws.com' },
  Action: 'lambda:InvokeFunction',
  Resource: 'arn:aws:lambda:eu-west-1:111122223333:function:worker',
  Condition: {
    StringEquals: { 'AWS:SourceAccount': '111122223333' },
    ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::uploads' },
  },
};

const snapshot = (functions: LambdaFunction[]) => inEuWest1('lambda.functions', ok(functions));

describe('lambda_function_policy_no_public_principal', () => {
  it('should FAIL a function with a public URL: the URL statement and the auth type NONE', () => {
    const results = runCheck(
      check,
      snapshot([
        fn('web', {
          policy: policy(PUBLIC_URL_STATEMENT),
          urlConfig: ok({ url: URL, authType: 'NONE' }),
        }),
      ]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        region: 'eu-west-1',
        resourceUid: 'arn:aws:lambda:eu-west-1:111122223333:function:web',
      }),
    ]);
    expect(results[0]?.message).toBe(
      'Lambda function web in eu-west-1 of account 111122223333 is open to anyone: its resource policy allows anyone (Principal *) lambda:InvokeFunctionUrl and its function URL has auth type NONE, with no condition restricting the caller',
    );
    expect(results[0]?.evidence).toMatchObject({
      publicStatements: [{ sid: 'FunctionURLAllowPublicAccess' }],
      functionUrl: { url: URL, authType: 'NONE' },
    });
  });

  it('should FAIL on the URL alone, even when the policy cannot be read', () => {
    const results = runCheck(
      check,
      snapshot([
        fn('web', {
          policy: failed('ACCESS_DENIED', 'no lambda:GetPolicy'),
          urlConfig: ok({ url: URL, authType: 'NONE' }),
        }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0]?.evidence).toEqual({
      publicStatements: [],
      functionUrl: { url: URL, authType: 'NONE' },
    });
  });

  it('should FAIL on a public policy alone, and read urlAuthType when urlConfig is absent', () => {
    const open = {
      Sid: 'anyone',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'lambda:InvokeFunction',
      Resource: '*',
    };
    const results = runCheck(
      check,
      snapshot([
        fn('open-policy', { policy: policy(open), urlConfig: failed('THROTTLED', 'slow down') }),
        {
          name: 'legacy',
          arn: 'arn:aws:lambda:eu-west-1:111122223333:function:legacy',
          policy: ok(null),
          urlAuthType: 'NONE',
        },
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
  });

  it('should PASS a function with no policy and no URL, and one with a restricted trigger and an IAM URL', () => {
    const results = runCheck(
      check,
      snapshot([
        fn('plain'),
        fn('worker', {
          policy: policy(S3_TRIGGER_STATEMENT),
          urlConfig: ok({ url: URL, authType: 'AWS_IAM' }),
        }),
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS']);
    expect(results[0]?.message).toContain('has no resource policy and no function URL');
    expect(results[1]?.message).toContain('a function URL with auth type AWS_IAM');
  });

  it('should be ERROR, never PASS, when the policy or the URL cannot be read and nothing is public', () => {
    const results = runCheck(
      check,
      snapshot([
        fn('a', { policy: failed('ACCESS_DENIED', 'no lambda:GetPolicy') }),
        fn('b', { policy: ok('{') }),
        fn('c', { urlConfig: failed('ACCESS_DENIED', 'no lambda:GetFunctionUrlConfig') }),
      ]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
    expect(results[2]?.message).toContain('the function URL of Lambda function c');
  });

  it('should be one ERROR with the collector’s code when the functions cannot be listed', () => {
    const results = runCheck(
      check,
      inEuWest1('lambda.functions', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED', region: 'eu-west-1' }),
    ]);
  });

  it('should report nothing when no region has a function', () => {
    expect(runCheck(check, snapshot([]))).toEqual([]);
  });
});
