import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { VPC_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_vpc_changes_alarm.metadata';

export const cloudwatchVpcChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(VPC_CHANGES, metadata, collected, ctx),
);
