import { monitoringMetadata } from '../metric-filter-rule';
import { SECURITY_GROUP_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_security_group_changes_alarm',
  title: 'Security group changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts security groups created, deleted and their rules authorized or revoked, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'One security group rule can open an instance to the internet; alerting on rule changes shows exposure as soon as it is made.',
  requirement: SECURITY_GROUP_CHANGES,
  metricName: 'SecurityGroupChanges',
});
