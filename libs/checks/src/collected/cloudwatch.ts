// Collected data of CloudWatch and CloudWatch Logs, per account × region: the metric filters
// and alarms the CIS 5.x monitoring rules chain from a trail's log group to an SNS topic.

/** A CloudWatch metric, as a metric filter publishes it and an alarm watches it. */
export interface MetricRef {
  namespace: string;
  metricName: string;
}

/** A CloudWatch Logs metric filter (`DescribeMetricFilters`). */
export interface LogMetricFilter {
  name: string;
  logGroupName: string;
  /** The filter pattern as written (JSON patterns start with `{`). */
  pattern: string;
  /** The metrics it publishes (its metric transformations). */
  metrics: MetricRef[];
}

/** A CloudWatch metric alarm (`DescribeAlarms`). */
export interface MetricAlarm {
  name: string;
  arn: string;
  /** The metric it watches; for a metric-math alarm, every metric its queries read. */
  metrics: MetricRef[];
  /** Whether its actions run when its state changes. */
  actionsEnabled: boolean;
  /** Actions run on the ALARM state (SNS topic ARNs, Auto Scaling policies, ...). */
  alarmActions: string[];
}

export interface CloudWatchRegional {
  'logs.metricFilters': LogMetricFilter[];
  'cloudwatch.alarms': MetricAlarm[];
}
