import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { CLOUDTRAIL_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_cloudtrail_changes_alarm.metadata';

export const cloudwatchCloudtrailChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(CLOUDTRAIL_CHANGES, metadata, collected, ctx),
);
