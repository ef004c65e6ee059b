import { defineCheck } from '../../../framework/check';
import { evaluateMonitoring } from '../metric-filter-rule';
import { NETWORK_GATEWAY_CHANGES } from '../monitoring-requirements';
import { metadata } from './cloudwatch_network_gateway_changes_alarm.metadata';

export const cloudwatchNetworkGatewayChangesAlarm = defineCheck(metadata, (collected, ctx) =>
  evaluateMonitoring(NETWORK_GATEWAY_CHANGES, metadata, collected, ctx),
);
