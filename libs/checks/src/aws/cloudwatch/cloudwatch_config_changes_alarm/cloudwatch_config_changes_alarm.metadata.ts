import { monitoringMetadata } from '../metric-filter-rule';
import { CONFIG_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_config_changes_alarm',
  title: 'AWS Config configuration changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts configuration recorders stopped or changed and delivery channels changed or deleted, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'Stopping the AWS Config recorder removes the record of resource changes that audits and incident response depend on.',
  requirement: CONFIG_CHANGES,
  metricName: 'AWSConfigChanges',
});
