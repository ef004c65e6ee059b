import { monitoringMetadata } from '../metric-filter-rule';
import { IAM_POLICY_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_iam_policy_changes_alarm',
  title: 'IAM policy changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts every IAM policy change (inline policies put or deleted, managed policies and versions created or deleted, policies attached or detached), and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'A changed IAM policy can grant an attacker or a mistaken user new permissions; alerting on policy changes shows privilege escalation as it happens.',
  requirement: IAM_POLICY_CHANGES,
  metricName: 'IAMPolicyChanges',
});
