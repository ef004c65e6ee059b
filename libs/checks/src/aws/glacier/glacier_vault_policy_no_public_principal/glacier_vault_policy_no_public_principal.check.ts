import { defineCheck } from '../../../framework/check';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../../../framework/policy';
import { ResultBuilder, where } from '../../../framework/results';
import { metadata } from './glacier_vault_policy_no_public_principal.metadata';

export const glacierVaultPolicyNoPublicPrincipal = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const items = collected.regional('glacier.vaults', ctx.region);
  if (!items.ok) return [];
  const here = where(ctx);
  return items.data.map((vault) => {
    const what = `the vault access policy of vault ${vault.name} ${here}`;
    if (!vault.policy.ok) return results.errorOf(vault.arn, vault.policy, what);
    if (vault.policy.data === null) {
      return results.pass(vault.arn, `Vault ${vault.name} ${here} has no vault access policy`);
    }
    const policy = readPolicy(vault.policy.data);
    if (!policy.ok) return results.errorOf(vault.arn, policy, what);
    const open = publicAllowStatements(policy.data);
    if (open.length === 0) {
      return results.pass(
        vault.arn,
        `Vault ${vault.name} ${here} has a vault access policy that allows no one unrestricted access (Principal *)`,
      );
    }
    return results.fail(
      vault.arn,
      `Vault ${vault.name} ${here} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
      { publicStatements: statementEvidence(open) },
    );
  });
});
