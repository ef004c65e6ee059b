// CloudWatch Logs metric filters of a region: the first link after a trail's log group in the
// CIS 5.x monitoring chain (filter → metric → alarm → SNS topic).
import {
  CloudWatchLogsClient,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import { type LogMetricFilter } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

export const metricFiltersCollector = defineCollector({
  key: 'logs.metricFilters',
  scope: 'regional',
  operations: ['logs:DescribeMetricFilters'],
  async collect(ctx) {
    const client = ctx.client(CloudWatchLogsClient, 'logs');
    const filters: LogMetricFilter[] = [];
    for await (const page of paginateDescribeMetricFilters({ client }, {})) {
      for (const f of page.metricFilters ?? []) {
        if (f.filterName === undefined || f.logGroupName === undefined) continue;
        filters.push({
          name: f.filterName,
          logGroupName: f.logGroupName,
          pattern: f.filterPattern ?? '',
          metrics: (f.metricTransformations ?? []).map((t) => ({
            namespace: t.metricNamespace ?? '',
            metricName: t.metricName ?? '',
          })),
        });
      }
    }
    return filters;
  },
});
