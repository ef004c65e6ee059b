import { monitoringMetadata } from '../metric-filter-rule';
import { CONSOLE_SIGNIN_WITHOUT_MFA } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_console_signin_without_mfa_alarm',
  title: 'Management console sign-ins without MFA are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts console sign-ins made without MFA, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'A console sign-in without MFA relies on a password alone; alerting on it shows users who bypass MFA and stolen passwords in use.',
  requirement: CONSOLE_SIGNIN_WITHOUT_MFA,
  metricName: 'ConsoleSigninWithoutMFA',
});
