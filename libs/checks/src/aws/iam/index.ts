// The iam checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { iamCloudshellFullAccessRestricted } from './iam_cloudshell_full_access_restricted/iam_cloudshell_full_access_restricted.check';
import { iamIdentityFederationReviewed } from './iam_identity_federation_reviewed/iam_identity_federation_reviewed.check';
import { iamPasswordPolicyMinimumLength } from './iam_password_policy_minimum_length/iam_password_policy_minimum_length.check';
import { iamPasswordPolicyReusePrevention } from './iam_password_policy_reuse_prevention/iam_password_policy_reuse_prevention.check';
import { iamPolicyNoFullAdminAttached } from './iam_policy_no_full_admin_attached/iam_policy_no_full_admin_attached.check';
import { iamRootAccessKeyAbsent } from './iam_root_access_key_absent/iam_root_access_key_absent.check';
import { iamRootHardwareMfaEnabled } from './iam_root_hardware_mfa_enabled/iam_root_hardware_mfa_enabled.check';
import { iamRootMfaEnabled } from './iam_root_mfa_enabled/iam_root_mfa_enabled.check';
import { iamRootUsageReviewed } from './iam_root_usage_reviewed/iam_root_usage_reviewed.check';
import { iamServerCertificatesNotExpired } from './iam_server_certificates_not_expired/iam_server_certificates_not_expired.check';
import { iamSupportRoleExists } from './iam_support_role_exists/iam_support_role_exists.check';
import { iamUserAccessKeysRotated } from './iam_user_access_keys_rotated/iam_user_access_keys_rotated.check';
import { iamUserConsoleMfaEnabled } from './iam_user_console_mfa_enabled/iam_user_console_mfa_enabled.check';
import { iamUserNoDirectPolicies } from './iam_user_no_direct_policies/iam_user_no_direct_policies.check';
import { iamUserUnusedCredentialsDisabled } from './iam_user_unused_credentials_disabled/iam_user_unused_credentials_disabled.check';

export const iamChecks: readonly Check[] = [
  iamRootAccessKeyAbsent,
  iamRootMfaEnabled,
  iamRootHardwareMfaEnabled,
  iamRootUsageReviewed,
  iamPasswordPolicyMinimumLength,
  iamPasswordPolicyReusePrevention,
  iamUserConsoleMfaEnabled,
  iamUserUnusedCredentialsDisabled,
  iamUserAccessKeysRotated,
  iamUserNoDirectPolicies,
  iamPolicyNoFullAdminAttached,
  iamSupportRoleExists,
  iamServerCertificatesNotExpired,
  iamIdentityFederationReviewed,
  iamCloudshellFullAccessRestricted,
];
