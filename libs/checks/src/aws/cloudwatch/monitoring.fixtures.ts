// Snapshots for the CIS 5.x specs: a trail → log group → metric filter → alarm → SNS topic chain
// in us-east-1 of the kit's account (eu-west-1 and us-east-1 scanned), each link overridable.
import { type Trail } from '../../collected/cloudtrail';
import { type LogMetricFilter, type MetricAlarm } from '../../collected/cloudwatch';
import { type SnsTopic } from '../../collected/sns';
import { KIT_ACCOUNT } from '../../framework/check-kit';
import { ok } from '../../framework/outcome';
import { SnapshotBuilder } from '../../framework/snapshot';

export const HOME = 'us-east-1';
export const LOG_GROUP = 'CloudTrail/Management';
export const LOG_GROUP_ARN = `arn:aws:logs:${HOME}:${KIT_ACCOUNT}:log-group:${LOG_GROUP}:*`;
export const TOPIC_ARN = `arn:aws:sns:${HOME}:${KIT_ACCOUNT}:cis-alarms`;
export const METRIC = { namespace: 'CISBenchmark', metricName: 'Monitored' };

export function trail(overrides: Partial<Trail> = {}): Trail {
  return {
    name: 'management',
    arn: `arn:aws:cloudtrail:${HOME}:${KIT_ACCOUNT}:trail/management`,
    homeRegion: HOME,
    isMultiRegion: true,
    isOrganizationTrail: false,
    s3BucketName: 'trail-logs',
    logFileValidationEnabled: true,
    cloudWatchLogsLogGroupArn: LOG_GROUP_ARN,
    status: ok({ isLogging: true }),
    eventSelectors: ok({
      basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [] }],
      advanced: [],
    }),
    ...overrides,
  };
}

export function metricFilter(
  pattern: string,
  overrides: Partial<LogMetricFilter> = {},
): LogMetricFilter {
  return { name: 'cis', logGroupName: LOG_GROUP, pattern, metrics: [METRIC], ...overrides };
}

export function alarm(overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    name: 'cis-alarm',
    arn: `arn:aws:cloudwatch:${HOME}:${KIT_ACCOUNT}:alarm:cis-alarm`,
    metrics: [METRIC],
    actionsEnabled: true,
    alarmActions: [TOPIC_ARN],
    ...overrides,
  };
}

export function topic(confirmed: number, overrides: Partial<SnsTopic> = {}): SnsTopic {
  return {
    arn: TOPIC_ARN,
    name: 'cis-alarms',
    policy: ok(null),
    subscriptionsConfirmed: ok(confirmed),
    ...overrides,
  };
}

export interface MonitoringSetup {
  /** Listed in every scanned region, as DescribeTrails with shadow trails lists them. */
  trails: readonly Trail[];
  /** In us-east-1 (eu-west-1 has none). */
  filters: readonly LogMetricFilter[];
  alarms: readonly MetricAlarm[];
  topics: readonly SnsTopic[];
}

/** The full chain with the given pattern, with any link replaced. */
export function monitoringSnapshot(
  pattern: string,
  setup: Partial<MonitoringSetup> = {},
): SnapshotBuilder {
  const snapshot = new SnapshotBuilder();
  const trails = setup.trails ?? [trail()];
  for (const region of ['eu-west-1', HOME]) {
    const home = region === HOME;
    snapshot
      .setRegional('cloudtrail.trails', region, ok([...trails]))
      .setRegional(
        'logs.metricFilters',
        region,
        ok(home ? [...(setup.filters ?? [metricFilter(pattern)])] : []),
      )
      .setRegional('cloudwatch.alarms', region, ok(home ? [...(setup.alarms ?? [alarm()])] : []))
      .setRegional('sns.topics', region, ok(home ? [...(setup.topics ?? [topic(1)])] : []));
  }
  return snapshot;
}
