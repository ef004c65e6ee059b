import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { CONSOLE_AUTH_FAILURES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_console_auth_failures_alarm.metadata';

export const cloudwatchConsoleAuthFailuresAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(CONSOLE_AUTH_FAILURES, metadata, collected, ctx),
);
