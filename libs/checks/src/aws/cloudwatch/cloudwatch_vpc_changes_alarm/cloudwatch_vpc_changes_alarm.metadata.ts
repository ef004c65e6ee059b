import { monitoringMetadata } from '../metric-filter-rule';
import { VPC_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_vpc_changes_alarm',
  title: 'VPC changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts VPCs created, deleted or modified, peering connections and ClassicLink changes, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'VPC and peering changes alter which networks can talk to each other; unmonitored, they can silently connect networks that must stay apart.',
  requirement: VPC_CHANGES,
  metricName: 'VPCChanges',
});
