import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { UNAUTHORIZED_API_CALLS } from '../monitoring-requirements';
import { metadata } from './cloudwatch_unauthorized_api_calls_alarm.metadata';

export const cloudwatchUnauthorizedApiCallsAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(UNAUTHORIZED_API_CALLS, metadata, collected, ctx),
);
