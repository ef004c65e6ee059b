import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { ROOT_USAGE } from '../monitoring-requirements';
import { metadata } from './cloudwatch_root_usage_alarm.metadata';

export const cloudwatchRootUsageAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(ROOT_USAGE, metadata, collected, ctx),
);
