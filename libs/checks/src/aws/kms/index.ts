// The kms checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { kmsCmkRotationEnabled } from './kms_cmk_rotation_enabled/kms_cmk_rotation_enabled.check';
import { kmsKeyPolicyNoPublicPrincipal } from './kms_key_policy_no_public_principal/kms_key_policy_no_public_principal.check';

export const kmsChecks: readonly Check[] = [kmsKeyPolicyNoPublicPrincipal, kmsCmkRotationEnabled];
