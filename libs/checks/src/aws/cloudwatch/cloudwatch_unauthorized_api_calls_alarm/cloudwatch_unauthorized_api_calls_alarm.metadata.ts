import { monitoringMetadata } from '../metric-filter-rule';
import { UNAUTHORIZED_API_CALLS } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_unauthorized_api_calls_alarm',
  title: 'Unauthorized API calls are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts API calls refused as unauthorized (UnauthorizedOperation, AccessDenied*), and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'Unauthorized API calls are often the first sign of a compromised credential probing its permissions or of a misconfigured application; unmonitored, they go unnoticed.',
  requirement: UNAUTHORIZED_API_CALLS,
  metricName: 'UnauthorizedAPICalls',
});
