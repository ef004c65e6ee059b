// The cloudwatch collectors (CloudWatch alarms and CloudWatch Logs metric filters) and the IAM
// actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { alarmsCollector } from './alarms.collector';
import { metricFiltersCollector } from './metric-filters.collector';

export const cloudwatchCollectors: readonly CollectorDefinition[] = [
  metricFiltersCollector,
  alarmsCollector,
];

export const cloudwatchActions: OperationActions = {
  'logs:DescribeMetricFilters': ['logs:DescribeMetricFilters'],
  'monitoring:DescribeAlarms': ['cloudwatch:DescribeAlarms'],
};
