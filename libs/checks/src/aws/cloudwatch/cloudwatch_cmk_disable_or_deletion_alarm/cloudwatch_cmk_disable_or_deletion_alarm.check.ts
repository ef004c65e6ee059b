import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { CMK_DISABLE_OR_DELETION } from '../monitoring-requirements';
import { metadata } from './cloudwatch_cmk_disable_or_deletion_alarm.metadata';

export const cloudwatchCmkDisableOrDeletionAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(CMK_DISABLE_OR_DELETION, metadata, collected, ctx),
);
