import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { CONSOLE_SIGNIN_WITHOUT_MFA } from '../monitoring-requirements';
import { metadata } from './cloudwatch_console_signin_without_mfa_alarm.metadata';

export const cloudwatchConsoleSigninWithoutMfaAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(CONSOLE_SIGNIN_WITHOUT_MFA, metadata, collected, ctx),
);
