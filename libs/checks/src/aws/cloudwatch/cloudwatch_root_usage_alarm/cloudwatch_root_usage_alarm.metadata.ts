import { monitoringMetadata } from '../metric-filter-rule';
import { ROOT_USAGE } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_root_usage_alarm',
  title: 'Uses of the root user are monitored with a metric filter and alarm',
  severity: 'high',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts activity of the root user that no AWS service made on its behalf, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'The root user has unrestricted access to the account; any use of it should be rare, deliberate and seen at once.',
  requirement: ROOT_USAGE,
  metricName: 'RootAccountUsage',
});
