import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { CONFIG_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_config_changes_alarm.metadata';

export const cloudwatchConfigChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(CONFIG_CHANGES, metadata, collected, ctx),
);
