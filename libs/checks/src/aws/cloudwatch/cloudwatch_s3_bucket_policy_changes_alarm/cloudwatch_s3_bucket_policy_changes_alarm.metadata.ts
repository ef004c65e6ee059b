import { monitoringMetadata } from '../metric-filter-rule';
import { S3_BUCKET_POLICY_CHANGES } from '../monitoring-requirements';

export const metadata = monitoringMetadata({
  id: 'cloudwatch_s3_bucket_policy_changes_alarm',
  title: 'S3 bucket policy changes are monitored with a metric filter and alarm',
  severity: 'medium',
  description:
    'Checks that CloudTrail management events reach CloudWatch Logs, a metric filter counts changes to bucket ACLs, policies, CORS, lifecycle and replication, and an alarm on its metric notifies an SNS topic with a confirmed subscriber.',
  risk: 'A changed bucket policy or ACL can expose data publicly or to another account; alerting shortens the time data stays exposed.',
  requirement: S3_BUCKET_POLICY_CHANGES,
  metricName: 'S3BucketPolicyChanges',
});
