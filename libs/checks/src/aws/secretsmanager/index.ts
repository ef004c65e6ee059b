// The secretsmanager checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { secretsmanagerSecretPolicyNoPublicPrincipal } from './secretsmanager_secret_policy_no_public_principal/secretsmanager_secret_policy_no_public_principal.check';

export const secretsmanagerChecks: readonly Check[] = [secretsmanagerSecretPolicyNoPublicPrincipal];
