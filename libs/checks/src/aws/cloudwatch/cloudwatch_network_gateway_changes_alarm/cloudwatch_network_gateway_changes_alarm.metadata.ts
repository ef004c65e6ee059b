import { monitoringMetadata } from '../metric-filter-rule';
import { NETWORK_GATEWAY_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_network_gateway_changes_alarm',
  title: 'Network gateway changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts customer and internet gateways created, deleted, attached or detached, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'Gateways decide which networks can reach the VPC; a new or moved gateway can route traffic past the intended controls.',
  requirement: NETWORK_GATEWAY_CHANGES,
  metricName: 'NetworkGatewayChanges',
});
