import { monitoringMetadata } from '../metric-filter-rule';
import { NACL_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_nacl_changes_alarm',
  title: 'Network ACL changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts network ACLs and their entries and associations created, replaced or deleted, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'Network ACLs filter traffic for whole subnets; an unnoticed change can open or cut off entire tiers of a network.',
  requirement: NACL_CHANGES,
  metricName: 'NACLChanges',
});
