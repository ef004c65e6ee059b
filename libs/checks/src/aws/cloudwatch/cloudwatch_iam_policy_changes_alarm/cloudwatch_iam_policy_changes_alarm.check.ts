import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { IAM_POLICY_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_iam_policy_changes_alarm.metadata';

export const cloudwatchIamPolicyChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(IAM_POLICY_CHANGES, metadata, collected, ctx),
);
