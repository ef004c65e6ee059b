import { defineCheck } from '../../../framework/check';
import { resourcePolicyEvaluate } from '../../resource-policy-kit';
import { metadata } from './glacier_vault_policy_no_public_principal.metadata';

export const glacierVaultPolicyNoPublicPrincipal = defineCheck(
  metadata,
  resourcePolicyEvaluate(metadata, {
    noun: 'vault',
    policyName: 'vault access policy',
    list: (collected, ctx) => collected.regional('glacier.vaults', ctx.region),
    read: (vault) => vault,
  }),
);
