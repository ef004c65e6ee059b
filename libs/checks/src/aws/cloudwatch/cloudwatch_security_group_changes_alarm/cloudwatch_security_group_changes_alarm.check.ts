import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { SECURITY_GROUP_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_security_group_changes_alarm.metadata';

export const cloudwatchSecurityGroupChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(SECURITY_GROUP_CHANGES, metadata, collected, ctx),
);
