import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './secretsmanager_secret_policy_no_public_principal.metadata';

export const secretsmanagerSecretPolicyNoPublicPrincipal = defineCheck(
  metadata,
  (collected, ctx) => {
    const results = new ResultBuilder(metadata, ctx);
    const items = collected.regional('secretsmanager.secrets', ctx.region);
    if (!items.ok) return [];
    const here = where(ctx);
    return items.data.map((secret) => {
      const what = `the resource policy of secret ${secret.name} ${here}`;
      if (!secret.policy.ok) return results.errorOf(secret.arn, secret.policy, what);
      if (secret.policy.data === null) {
        return results.pass(secret.arn, `Secret ${secret.name} ${here} has no resource policy`);
      }
      const policy = readPolicy(secret.policy.data);
      if (!policy.ok) return results.errorOf(secret.arn, policy, what);
      const open = publicAllowStatements(policy.data);
      if (open.length === 0) {
        return results.pass(
          secret.arn,
          `Secret ${secret.name} ${here} has a resource policy that allows no one unrestricted access (Principal *)`,
        );
      }
      return results.fail(
        secret.arn,
        `Secret ${secret.name} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
        { publicStatements: statementEvidence(open) },
      );
    });
  },
);
