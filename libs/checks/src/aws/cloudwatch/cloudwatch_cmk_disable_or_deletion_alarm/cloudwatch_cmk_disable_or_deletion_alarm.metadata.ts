import { monitoringMetadata } from '../metric-filter-rule';
import { CMK_DISABLE_OR_DELETION } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_cmk_disable_or_deletion_alarm',
  title:
    'Disabling or scheduled deletion of customer-managed KMS keys is monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts KMS keys disabled or scheduled for deletion, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'Data encrypted under a disabled or deleted key becomes unreadable; an alert leaves time to cancel a deletion during its waiting period.',
  requirement: CMK_DISABLE_OR_DELETION,
  metricName: 'DisableOrDeleteCMK',
});
