import { type LambdaFunction } from '../../../collected/lambda';
import { defineCheck } from '../../../framework/check';
import { type Outcome, ok } from '../../../framework/outcome';
import {
  type PolicyDocument,
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './lambda_function_policy_no_public_principal.metadata';

/** The function URL: `urlConfig` when collected, else what `urlAuthType` alone tells. */
function urlOf(fn: LambdaFunction): Outcome<{ url?: string; authType: string } | null> {
  if (fn.urlConfig !== undefined) return fn.urlConfig;
  return ok(fn.urlAuthType === undefined ? null : { authType: fn.urlAuthType });
}

/** The resource policy, parsed; null when the function has none. */
function policyOf(fn: LambdaFunction): Outcome<PolicyDocument | null> {
  if (!fn.policy.ok || fn.policy.data === null) return fn.policy.ok ? ok(null) : fn.policy;
  return readPolicy(fn.policy.data);
}

export const lambdaFunctionPolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const functions = collected.regional('lambda.functions', ctx.region);
  if (!functions.ok) return [];
  const here = where(ctx);
  return functions.data.map((fn) => {
    const policy = policyOf(fn);
    const url = urlOf(fn);
    const open = policy.ok && policy.data !== null ? publicAllowStatements(policy.data) : [];
    const publicUrl = url.ok && url.data?.authType === 'NONE' ? url.data : undefined;
    if (open.length > 0 || publicUrl !== undefined) {
      const reasons = [
        ...(open.length > 0
          ? [`its resource policy allows anyone (Principal *) ${grantedActions(open).join(', ')}`]
          : []),
        ...(publicUrl !== undefined ? ['its function URL has auth type NONE'] : []),
      ];
      return results.fail(
        fn.arn,
        `Lambda function ${fn.name} ${here} is open to anyone: ${reasons.join(' and ')}, with no condition restricting the caller`,
        {
          publicStatements: statementEvidence(open),
          ...(publicUrl !== undefined ? { functionUrl: publicUrl } : {}),
        },
      );
    }
    if (!policy.ok) {
      return results.errorOf(
        fn.arn,
        policy,
        `the resource policy of Lambda function ${fn.name} ${here}`,
      );
    }
    if (!url.ok) {
      return results.errorOf(fn.arn, url, `the function URL of Lambda function ${fn.name} ${here}`);
    }
    const urlNote =
      url.data === null ? 'no function URL' : `a function URL with auth type ${url.data.authType}`;
    const policyNote =
      policy.data === null
        ? 'no resource policy'
        : 'a resource policy that allows no one unrestricted access (Principal *)';
    return results.pass(
      fn.arn,
      `Lambda function ${fn.name} ${here} has ${policyNote} and ${urlNote}`,
      {
        ...(url.data !== null ? { functionUrl: url.data } : {}),
      },
    );
  });
});
