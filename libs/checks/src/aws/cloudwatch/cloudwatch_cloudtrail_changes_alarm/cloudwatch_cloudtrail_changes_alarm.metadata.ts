import { monitoringMetadata } from '../metric-filter-rule';
import { CLOUDTRAIL_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_cloudtrail_changes_alarm',
  title: 'CloudTrail configuration changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts trail creation, update and deletion and logging started or stopped, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: "Stopping or changing a trail blinds the account's audit log; an attacker covering their tracks does it first.",
  requirement: CLOUDTRAIL_CHANGES,
  metricName: 'CloudTrailConfigChanges',
});
