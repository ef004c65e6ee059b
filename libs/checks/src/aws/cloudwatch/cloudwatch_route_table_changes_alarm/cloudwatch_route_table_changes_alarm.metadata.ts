import { monitoringMetadata } from '../metric-filter-rule';
import { ROUTE_TABLE_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_route_table_changes_alarm',
  title: 'Route table changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts routes and route tables created, replaced, deleted and route table associations changed, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'A changed route can send traffic through an unintended path or outside the network, unnoticed without an alert.',
  requirement: ROUTE_TABLE_CHANGES,
  metricName: 'RouteTableChanges',
});
