import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './kms_key_policy_no_public_principal.metadata';

export const kmsKeyPolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const items = collected.regional('kms.keys', ctx.region);
  if (!items.ok) return [];
  const here = where(ctx);
  return items.data.map((key) => {
    const what = `the key policy of KMS key ${key.keyId} ${here}`;
    if (!key.policy.ok) return results.errorOf(key.arn, key.policy, what);
    const policy = readPolicy(key.policy.data);
    if (!policy.ok) return results.errorOf(key.arn, policy, what);
    const open = publicAllowStatements(policy.data);
    if (open.length === 0) {
      return results.pass(
        key.arn,
        `KMS key ${key.keyId} ${here} has a key policy that allows no one unrestricted access (Principal *)`,
      );
    }
    return results.fail(
      key.arn,
      `KMS key ${key.keyId} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
      { publicStatements: statementEvidence(open) },
    );
  });
});
