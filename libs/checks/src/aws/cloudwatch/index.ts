// The cloudwatch checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { cloudwatchUnauthorizedApiCallsAlarm } from './cloudwatch_unauthorized_api_calls_alarm/cloudwatch_unauthorized_api_calls_alarm.check';
import { cloudwatchConsoleSigninWithoutMfaAlarm } from './cloudwatch_console_signin_without_mfa_alarm/cloudwatch_console_signin_without_mfa_alarm.check';
import { cloudwatchRootUsageAlarm } from './cloudwatch_root_usage_alarm/cloudwatch_root_usage_alarm.check';
import { cloudwatchIamPolicyChangesAlarm } from './cloudwatch_iam_policy_changes_alarm/cloudwatch_iam_policy_changes_alarm.check';
import { cloudwatchCloudtrailChangesAlarm } from './cloudwatch_cloudtrail_changes_alarm/cloudwatch_cloudtrail_changes_alarm.check';
import { cloudwatchConsoleAuthFailuresAlarm } from './cloudwatch_console_auth_failures_alarm/cloudwatch_console_auth_failures_alarm.check';
import { cloudwatchCmkDisableOrDeletionAlarm } from './cloudwatch_cmk_disable_or_deletion_alarm/cloudwatch_cmk_disable_or_deletion_alarm.check';
import { cloudwatchS3BucketPolicyChangesAlarm } from './cloudwatch_s3_bucket_policy_changes_alarm/cloudwatch_s3_bucket_policy_changes_alarm.check';
import { cloudwatchConfigChangesAlarm } from './cloudwatch_config_changes_alarm/cloudwatch_config_changes_alarm.check';
import { cloudwatchSecurityGroupChangesAlarm } from './cloudwatch_security_group_changes_alarm/cloudwatch_security_group_changes_alarm.check';
import { cloudwatchNaclChangesAlarm } from './cloudwatch_nacl_changes_alarm/cloudwatch_nacl_changes_alarm.check';
import { cloudwatchNetworkGatewayChangesAlarm } from './cloudwatch_network_gateway_changes_alarm/cloudwatch_network_gateway_changes_alarm.check';
import { cloudwatchRouteTableChangesAlarm } from './cloudwatch_route_table_changes_alarm/cloudwatch_route_table_changes_alarm.check';
import { cloudwatchVpcChangesAlarm } from './cloudwatch_vpc_changes_alarm/cloudwatch_vpc_changes_alarm.check';
import { cloudwatchOrganizationsChangesAlarm } from './cloudwatch_organizations_changes_alarm/cloudwatch_organizations_changes_alarm.check';

export const cloudwatchChecks: readonly Check[] = [
  cloudwatchUnauthorizedApiCallsAlarm,
  cloudwatchConsoleSigninWithoutMfaAlarm,
  cloudwatchRootUsageAlarm,
  cloudwatchIamPolicyChangesAlarm,
  cloudwatchCloudtrailChangesAlarm,
  cloudwatchConsoleAuthFailuresAlarm,
  cloudwatchCmkDisableOrDeletionAlarm,
  cloudwatchS3BucketPolicyChangesAlarm,
  cloudwatchConfigChangesAlarm,
  cloudwatchSecurityGroupChangesAlarm,
  cloudwatchNaclChangesAlarm,
  cloudwatchNetworkGatewayChangesAlarm,
  cloudwatchRouteTableChangesAlarm,
  cloudwatchVpcChangesAlarm,
  cloudwatchOrganizationsChangesAlarm,
];
