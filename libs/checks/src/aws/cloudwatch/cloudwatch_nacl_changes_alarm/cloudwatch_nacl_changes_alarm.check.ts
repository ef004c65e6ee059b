import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { NACL_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_nacl_changes_alarm.metadata';

export const cloudwatchNaclChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(NACL_CHANGES, metadata, collected, ctx),
);
