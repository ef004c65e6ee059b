import { monitoringMetadata } from '../metric-filter-rule';
import { ORGANIZATIONS_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_organizations_changes_alarm',
  title: 'AWS Organizations changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts AWS Organizations changes (accounts, organizational units, policies, policy types and handshakes), and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'Organizations changes move accounts, remove guardrail policies or let accounts leave; each can weaken controls across many accounts at once.',
  requirement: ORGANIZATIONS_CHANGES,
  metricName: 'OrganizationsChanges',
});
