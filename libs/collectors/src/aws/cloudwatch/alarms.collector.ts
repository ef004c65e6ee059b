// CloudWatch metric alarms of a region, with the metrics they watch and their alarm actions.
import {
  CloudWatchClient,
  type MetricAlarm as SdkMetricAlarm,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { type MetricAlarm, type MetricRef } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

/** The metric a single-metric alarm watches, or every metric a metric-math alarm queries. */
function metricsOf(alarm: SdkMetricAlarm): MetricRef[] {
  if (alarm.MetricName !== undefined) {
    return [{ namespace: alarm.Namespace ?? '', metricName: alarm.MetricName }];
  }
  return (alarm.Metrics ?? []).flatMap((q) => {
    const metric = q.MetricStat?.Metric;
    return metric?.MetricName === undefined
      ? []
      : [{ namespace: metric.Namespace ?? '', metricName: metric.MetricName }];
  });
}

export const alarmsCollector = defineCollector({
  key: 'cloudwatch.alarms',
  scope: 'regional',
  operations: ['monitoring:DescribeAlarms'],
  async collect(ctx) {
    const client = ctx.client(CloudWatchClient, 'cloudwatch');
    const alarms: MetricAlarm[] = [];
    for await (const page of paginateDescribeAlarms({ client }, {})) {
      for (const a of page.MetricAlarms ?? []) {
        if (a.AlarmName === undefined || a.AlarmArn === undefined) continue;
        alarms.push({
          name: a.AlarmName,
          arn: a.AlarmArn,
          metrics: metricsOf(a),
          actionsEnabled: a.ActionsEnabled ?? true,
          alarmActions: a.AlarmActions ?? [],
        });
      }
    }
    return alarms;
  },
});
