// The glacier checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { glacierVaultPolicyNoPublicPrincipal } from './glacier_vault_policy_no_public_principal/glacier_vault_policy_no_public_principal.check';

export const glacierChecks: readonly Check[] = [glacierVaultPolicyNoPublicPrincipal];
