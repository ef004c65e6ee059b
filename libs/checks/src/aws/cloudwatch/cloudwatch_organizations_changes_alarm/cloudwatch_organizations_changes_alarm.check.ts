import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { ORGANIZATIONS_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_organizations_changes_alarm.metadata';

export const cloudwatchOrganizationsChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(ORGANIZATIONS_CHANGES, metadata, collected, ctx),
);
