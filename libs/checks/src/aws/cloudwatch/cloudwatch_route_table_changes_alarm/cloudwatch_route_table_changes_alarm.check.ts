import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { ROUTE_TABLE_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_route_table_changes_alarm.metadata';

export const cloudwatchRouteTableChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(ROUTE_TABLE_CHANGES, metadata, collected, ctx),
);
