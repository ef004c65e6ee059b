import { monitoringMetadata } from '../metric-filter-rule';
import { CONSOLE_AUTH_FAILURES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_console_auth_failures_alarm',
  title: 'Management console authentication failures are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts console sign-ins that failed authentication (and not successful ones), and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: "Repeated failed console sign-ins are the signature of password guessing against the account's users.",
  requirement: CONSOLE_AUTH_FAILURES,
  metricName: 'ConsoleSigninFailures',
});
