import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { S3_BUCKET_POLICY_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_s3_bucket_policy_changes_alarm.metadata';

export const cloudwatchS3BucketPolicyChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(S3_BUCKET_POLICY_CHANGES, metadata, collected, ctx),
);
