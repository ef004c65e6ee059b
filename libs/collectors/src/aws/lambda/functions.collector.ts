// lambda.functions: every Lambda function of the region with its resource-based policy
// (`GetPolicy`; none = null) and its function URL (`GetFunctionUrlConfig`; none = null). Both
// are read for the unqualified function; an unreadable one keeps its error as data.
import {
  GetFunctionUrlConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { type LambdaFunction } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

/** What Lambda answers for a function without a policy or without a URL. */
const NOT_FOUND = ['ResourceNotFoundException'];

export const lambdaFunctionsCollector = defineCollector({
  key: 'lambda.functions',
  scope: 'regional',
  operations: ['lambda:ListFunctions', 'lambda:GetPolicy', 'lambda:GetFunctionUrlConfig'],
  async collect(ctx) {
    const client = ctx.client(LambdaClient, 'lambda');
    const listed: { name: string; arn: string; runtime: string | undefined }[] = [];
    for await (const page of paginateListFunctions({ client }, {})) {
      for (const f of page.Functions ?? []) {
        if (f.FunctionName !== undefined && f.FunctionArn !== undefined) {
          listed.push({ name: f.FunctionName, arn: f.FunctionArn, runtime: f.Runtime });
        }
      }
    }
    return ctx.mapBounded(listed, async (f): Promise<LambdaFunction> => {
      const policy = await ctx.attempt(
        async () => {
          const out = await client.send(new GetPolicyCommand({ FunctionName: f.name }));
          return out.Policy ?? null;
        },
        { codes: NOT_FOUND, value: null },
      );
      const urlConfig = await ctx.attempt(
        async () => {
          const out = await client.send(new GetFunctionUrlConfigCommand({ FunctionName: f.name }));
          return { url: out.FunctionUrl ?? '', authType: out.AuthType ?? 'UNKNOWN' };
        },
        { codes: NOT_FOUND, value: null },
      );
      return {
        name: f.name,
        arn: f.arn,
        ...(f.runtime !== undefined ? { runtime: f.runtime } : {}),
        policy,
        urlConfig,
        ...(urlConfig.ok && urlConfig.data !== null
          ? { urlAuthType: urlConfig.data.authType }
          : {}),
      };
    });
  },
});
