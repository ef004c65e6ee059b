// The s3 checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { s3BucketMfaDeleteEnabled } from './s3_bucket_mfa_delete_enabled/s3_bucket_mfa_delete_enabled.check';
import { s3BucketPublicAccessBlock } from './s3_bucket_public_access_block/s3_bucket_public_access_block.check';
import { s3BucketPolicyNoPublicPrincipal } from './s3_bucket_policy_no_public_principal/s3_bucket_policy_no_public_principal.check';
import { s3BucketSecureTransportPolicy } from './s3_bucket_secure_transport_policy/s3_bucket_secure_transport_policy.check';

export const s3Checks: readonly Check[] = [
  s3BucketPublicAccessBlock,
  s3BucketSecureTransportPolicy,
  s3BucketMfaDeleteEnabled,
  s3BucketPolicyNoPublicPrincipal,
];
