// lambda.functions against moto, through the fault proxy (so the operations it logs are checked
// against the collector's declared operations), and the 2.21 check over what was collected.
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { ALL_CHECKS, type LambdaFunction, checkContext, runCheck } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { lambdaFunctionsCollector } from './functions.collector';

const REGION = 'eu-west-1';

describe('lambda.functions collector (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  let lambda: LambdaClient;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
    // moto refuses a function whose role does not exist.
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: 'fn-exec',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    lambda = h.clients.createClient(LambdaClient, {
      region: REGION,
      service: 'lambda',
      session: h.session,
    });
    for (const name of ['web', 'worker', 'plain']) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Role: role.Role?.Arn,
          Handler: 'index.handler',
          Code: { ZipFile: Buffer.from('not run by these tests') },
        }),
      );
    }
    await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE' }),
    );
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'web',
        StatementId: 'FunctionURLAllowPublicAccess',
        Action: 'lambda:InvokeFunctionUrl',
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      }),
    );
    await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'worker', AuthType: 'AWS_IAM' }),
    );
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'worker',
        StatementId: 's3-trigger',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceAccount: h.accountId,
        SourceArn: 'arn:aws:s3:::uploads',
      }),
    );
  });

  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });

  it('should read every function with its policy and URL, absent ones as null', async () => {
    proxy.clearLog();
    const { snapshot } = await h.collect(['lambda.functions'], [REGION, 'us-east-1']);

    const outcome = snapshot.regional('lambda.functions', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const byName = new Map(outcome.data.map((f): [string, LambdaFunction] => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(['plain', 'web', 'worker']);

    const web = byName.get('web');
    expect(web).toMatchObject({
      arn: `arn:aws:lambda:${REGION}:${h.accountId}:function:web`,
      runtime: 'nodejs20.x',
      urlAuthType: 'NONE',
      urlConfig: {
        ok: true,
        data: { authType: 'NONE', url: expect.stringContaining('http') as unknown },
      },
    });
    if (!web?.policy.ok || web.policy.data === null) throw new Error('no policy for web');
    expect(JSON.parse(web.policy.data)).toMatchObject({
      Statement: [expect.objectContaining({ Sid: 'FunctionURLAllowPublicAccess', Principal: '*' })],
    });
    expect(byName.get('plain')).toMatchObject({
      policy: { ok: true, data: null },
      urlConfig: { ok: true, data: null },
    });
    expect(byName.get('plain')?.urlAuthType).toBeUndefined();
    expect(snapshot.regional('lambda.functions', 'us-east-1')).toEqual({ ok: true, data: [] });

    const lambdaCalls = proxy.log.filter((e) => e.service === 'lambda');
    expect(new Set(lambdaCalls.map((e) => `lambda:${e.operation}`))).toEqual(
      new Set(lambdaFunctionsCollector.operations),
    );
    expect(lambdaCalls.every((e) => e.account === h.accountId)).toBe(true);

    const check = ALL_CHECKS.find(
      (c) => c.metadata.id === 'lambda_function_policy_no_public_principal',
    );
    if (check === undefined) throw new Error('check not registered');
    const results = runCheck(
      check,
      snapshot,
      checkContext({
        accountId: h.accountId,
        regions: { scanned: [REGION, 'us-east-1'], enabled: [REGION, 'us-east-1'], notEnabled: [] },
      }),
    );
    expect(results.map((r) => [r.resourceUid.split(':').pop(), r.status]).sort()).toEqual([
      ['plain', 'PASS'],
      ['web', 'FAIL'],
      ['worker', 'PASS'],
    ]);
  });

  it('should keep an unreadable policy as that function’s error, not fail the listing', async () => {
    proxy.setRules([{ kind: 'accessDenied', service: 'lambda', operation: 'GetPolicy' }]);
    const { snapshot } = await h.collect(['lambda.functions'], [REGION]);
    proxy.clearRules();
    const outcome = snapshot.regional('lambda.functions', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.data).toHaveLength(3);
    for (const fn of outcome.data) {
      expect(fn.policy).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
      expect(fn.urlConfig).toMatchObject({ ok: true });
    }
  });

  it('should fail the collector with the classified code when the listing is denied', async () => {
    proxy.setRules([{ kind: 'accessDenied', service: 'lambda', operation: 'ListFunctions' }]);
    const { snapshot } = await h.collect(['lambda.functions'], [REGION]);
    proxy.clearRules();
    expect(snapshot.regional('lambda.functions', REGION)).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
  });
});
