// The CIS 5.1–5.15 rule, shared by its fifteen checks: a requirement is monitored when a
// multi-region trail that is logging all management events delivers to a CloudWatch Logs log
// group, a metric filter on that log group counts the requirement's events, an alarm with its
// actions enabled watches the filter's metric, and one of the alarm's actions is an SNS topic
// with at least one confirmed subscriber. Pure: reads the collected snapshot only.
import { type CheckResult } from '@palisade/contracts';
import { type Trail, type TrailEventSelectors } from '../../collected/cloudtrail';
import { type LogMetricFilter, type MetricAlarm, type MetricRef } from '../../collected/cloudwatch';
import { type RegionalCollected, type RegionalKey } from '../../collected';
import { type CheckContext } from '../../framework/context';
import { type CheckMetadataInput, type Severity } from '../../framework/metadata';
import { type Outcome } from '../../framework/outcome';
import { type Evidence, ResultBuilder } from '../../framework/results';
import { type CollectedSnapshot } from '../../framework/snapshot';
import { parseFilterPattern, patternMatches } from './filter-pattern';
import { type MonitoringRequirement } from './monitoring-requirements';

/**
 * How far one way of monitoring got. FAIL carries the link it stopped at (1 trail, 2 log group
 * delivery, 3 metric filter, 4 alarm, 5 alarm action, 6 subscriber) so the furthest is reported.
 */
type Verdict =
  | { status: 'PASS'; message: string; evidence: Evidence }
  | { status: 'ERROR'; code: string; message: string }
  | { status: 'MANUAL'; message: string }
  | { status: 'FAIL'; link: number; message: string };

const RANK: Record<Verdict['status'], number> = { PASS: 3, ERROR: 2, MANUAL: 1, FAIL: 0 };

/** The better of two alternatives: PASS, else ERROR, else MANUAL, else the furthest FAIL. */
function better(a: Verdict, b: Verdict): Verdict {
  if (RANK[b.status] !== RANK[a.status]) return RANK[b.status] > RANK[a.status] ? b : a;
  return a.status === 'FAIL' && b.status === 'FAIL' && b.link > a.link ? b : a;
}

/** Whether the selectors record every management event, read and write, of every source. */
export function recordsAllManagementEvents(selectors: TrailEventSelectors): boolean {
  let read = false;
  let write = false;
  for (const s of selectors.basic) {
    if (!s.includeManagementEvents) continue;
    if (s.readWriteType === 'All' || s.readWriteType === 'ReadOnly') read = true;
    if (s.readWriteType === 'All' || s.readWriteType === 'WriteOnly') write = true;
  }
  for (const s of selectors.advanced) {
    const category = s.fieldSelectors.find((f) => f.field === 'eventCategory');
    if (!(category?.equals ?? []).includes('Management')) continue;
    const narrowing = s.fieldSelectors.filter(
      (f) => f.field !== 'eventCategory' && f.field !== 'readOnly',
    );
    if (narrowing.length > 0) continue;
    const readOnly = s.fieldSelectors.find((f) => f.field === 'readOnly');
    const kept =
      readOnly?.equals ?? ['true', 'false'].filter((v) => !(readOnly?.notEquals ?? []).includes(v));
    if (kept.includes('true')) read = true;
    if (kept.includes('false')) write = true;
  }
  return read && write;
}

/** `arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/Logs:*` → its parts. */
export function parseLogGroupArn(
  arn: string,
): { region: string; account: string; name: string } | undefined {
  const m = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(arn);
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) return undefined;
  return { region: m[1], account: m[2], name: m[3] };
}

function topicArnParts(arn: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:[^:]+:sns:([^:]+):(\d{12}):([^:]+)$/.exec(arn);
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) return undefined;
  return { region: m[1], account: m[2], name: m[3] };
}

const sameMetric = (a: MetricRef, b: MetricRef) =>
  a.namespace === b.namespace && a.metricName === b.metricName;

const metricName = (m: MetricRef) => `${m.namespace}/${m.metricName}`;

function listed(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** Data read in a region, or why it cannot be read there (region not scanned, collector error). */
type Read<T> = { ok: true; data: T } | { ok: false; verdict: Verdict };

/** One requirement evaluated over one account's snapshot. */
class MonitoringEvaluation {
  constructor(
    private readonly req: MonitoringRequirement,
    private readonly collected: CollectedSnapshot,
    private readonly ctx: CheckContext,
  ) {}

  /** Every trail seen from the scanned regions, once (its home-region copy when scanned). */
  trails(): Outcome<Trail[]> {
    const byArn = new Map<string, Trail>();
    for (const region of this.ctx.regions.scanned) {
      const outcome = this.collected.regional('cloudtrail.trails', region);
      if (!outcome.ok) return outcome;
      for (const trail of outcome.data) {
        if (!byArn.has(trail.arn) || trail.homeRegion === region) byArn.set(trail.arn, trail);
      }
    }
    return { ok: true, data: [...byArn.values()] };
  }

  trail(trail: Trail): Verdict {
    const name = `trail ${trail.name}`;
    const fail = (link: number, message: string): Verdict => ({ status: 'FAIL', link, message });
    if (!trail.isMultiRegion) return fail(1, `${name} is not multi-region`);
    if (!trail.status.ok) return errorOf(trail.status, `the status of ${name}`);
    if (!trail.status.data.isLogging) return fail(1, `${name} is not logging`);
    if (!trail.eventSelectors.ok)
      return errorOf(trail.eventSelectors, `the event selectors of ${name}`);
    if (!recordsAllManagementEvents(trail.eventSelectors.data)) {
      return fail(1, `${name} does not record all management events (read and write)`);
    }
    const arn = trail.cloudWatchLogsLogGroupArn;
    if (arn === undefined) return fail(2, `${name} does not deliver to CloudWatch Logs`);
    const group = parseLogGroupArn(arn);
    if (group === undefined) {
      return {
        status: 'MANUAL',
        message: `${name} delivers to ${arn}, which is not a log group ARN`,
      };
    }
    const path = `${name} → log group ${group.name} (${group.region})`;
    if (group.account !== this.ctx.accountId) {
      return {
        status: 'MANUAL',
        message: `${path} is in account ${group.account}; its metric filters and alarms are evaluated in that account's scan`,
      };
    }
    const filters = this.read('logs.metricFilters', group.region, path);
    if (!filters.ok) return filters.verdict;
    return this.filters(
      filters.data.filter((f) => f.logGroupName === group.name),
      path,
      group.region,
      { trail: trail.arn, logGroup: group.name, logGroupRegion: group.region },
    );
  }

  /** A regional key's data, or MANUAL (region not scanned) / ERROR (not collected). */
  private read<K extends RegionalKey>(
    key: K,
    region: string,
    path: string,
  ): Read<RegionalCollected[K]> {
    if (!this.ctx.regions.scanned.includes(region)) {
      return {
        ok: false,
        verdict: {
          status: 'MANUAL',
          message: `${path} is in ${region}, which this scan did not cover; scan ${region} to evaluate it`,
        },
      };
    }
    const outcome = this.collected.regional(key, region);
    return outcome.ok
      ? { ok: true, data: outcome.data }
      : { ok: false, verdict: errorOf(outcome, `${key} in ${region}`) };
  }

  /** Which required events the pattern misses and which unrelated events it counts. */
  private gaps(filter: LogMetricFilter): { missed: string[]; extra: string[] } | string {
    const parsed = parseFilterPattern(filter.pattern);
    if (!parsed.ok) return parsed.reason;
    return {
      missed: this.req.mustMatch
        .filter((s) => !patternMatches(parsed.pattern, s.event))
        .map((s) => s.label),
      extra: this.req.mustNotMatch
        .filter((s) => patternMatches(parsed.pattern, s.event))
        .map((s) => s.label),
    };
  }

  private filters(
    onGroup: readonly LogMetricFilter[],
    path: string,
    region: string,
    evidence: Evidence,
  ): Verdict {
    const matching: LogMetricFilter[] = [];
    const notes: string[] = [];
    const unreadable: string[] = [];
    for (const filter of onGroup) {
      const gaps = this.gaps(filter);
      if (typeof gaps === 'string') unreadable.push(`${filter.name} (${gaps})`);
      else if (gaps.missed.length > 0) {
        notes.push(`metric filter ${filter.name} does not count ${listed(gaps.missed)}`);
      } else if (gaps.extra.length > 0) {
        notes.push(`metric filter ${filter.name} also counts ${listed(gaps.extra)}`);
      } else matching.push(filter);
    }
    if (matching.length === 0) {
      if (unreadable.length > 0) {
        return {
          status: 'MANUAL',
          message: `${path}: a person must judge metric filter ${listed(unreadable, 2)}, whose pattern Palisade cannot evaluate`,
        };
      }
      const why = notes.length > 0 ? ` (${listed(notes, 2)})` : '';
      return {
        status: 'FAIL',
        link: 3,
        message: `${path} has no metric filter counting ${this.req.subject.toLowerCase()}${why}`,
      };
    }
    const alarms = this.read('cloudwatch.alarms', region, path);
    if (!alarms.ok) return alarms.verdict;
    return matching
      .map((filter) =>
        this.alarms(filter, alarms.data, `${path} → metric filter ${filter.name}`, {
          ...evidence,
          metricFilter: filter.name,
          filterPattern: filter.pattern,
        }),
      )
      .reduce(better);
  }

  private alarms(
    filter: LogMetricFilter,
    all: readonly MetricAlarm[],
    path: string,
    evidence: Evidence,
  ): Verdict {
    const watching = all.filter((a) =>
      a.metrics.some((m) => filter.metrics.some((f) => sameMetric(m, f))),
    );
    if (watching.length === 0) {
      return {
        status: 'FAIL',
        link: 4,
        message: `${path}: no CloudWatch alarm watches its metric ${listed(filter.metrics.map(metricName))}`,
      };
    }
    return watching
      .map((alarm) =>
        this.actions(alarm, `${path} → alarm ${alarm.name}`, { ...evidence, alarm: alarm.arn }),
      )
      .reduce(better);
  }

  private actions(alarm: MetricAlarm, path: string, evidence: Evidence): Verdict {
    if (!alarm.actionsEnabled) {
      return { status: 'FAIL', link: 5, message: `${path} has its actions disabled` };
    }
    const topics = alarm.alarmActions.flatMap((arn) => {
      const parts = topicArnParts(arn);
      return parts === undefined ? [] : [{ arn, ...parts }];
    });
    if (topics.length === 0) {
      return { status: 'FAIL', link: 5, message: `${path} notifies no SNS topic on ALARM` };
    }
    return topics
      .map((topic) => this.subscribers(topic, `${path} → SNS topic ${topic.name}`, evidence))
      .reduce(better);
  }

  private subscribers(
    topic: { arn: string; region: string; account: string },
    path: string,
    evidence: Evidence,
  ): Verdict {
    if (topic.account !== this.ctx.accountId) {
      return {
        status: 'MANUAL',
        message: `${path} is in account ${topic.account}, whose subscriptions this scan cannot see`,
      };
    }
    const topics = this.read('sns.topics', topic.region, path);
    if (!topics.ok) return topics.verdict;
    const found = topics.data.find((t) => t.arn === topic.arn);
    if (found === undefined) return { status: 'FAIL', link: 6, message: `${path} does not exist` };
    if (!found.subscriptionsConfirmed.ok) {
      return errorOf(found.subscriptionsConfirmed, `the subscriptions of SNS topic ${found.name}`);
    }
    const count = found.subscriptionsConfirmed.data;
    if (count === 0) {
      return { status: 'FAIL', link: 6, message: `${path} has no confirmed subscription` };
    }
    return {
      status: 'PASS',
      message: `${path} (${count} confirmed subscription${count === 1 ? '' : 's'})`,
      evidence: { ...evidence, topic: topic.arn, confirmedSubscriptions: count },
    };
  }
}

function errorOf(outcome: Extract<Outcome<unknown>, { ok: false }>, what: string): Verdict {
  return {
    status: 'ERROR',
    code: outcome.code,
    message: `could not read ${what}: ${outcome.message}`,
  };
}

const MAX_MESSAGE = 3900;

/** The one result of a CIS 5.x requirement for the account. */
export function evaluateMonitoring(
  req: MonitoringRequirement,
  meta: Pick<CheckMetadataInput, 'id' | 'resourceType' | 'service'>,
  collected: CollectedSnapshot,
  ctx: CheckContext,
): CheckResult[] {
  const results = new ResultBuilder(meta, ctx);
  const uid = results.scopeUid;
  const evaluation = new MonitoringEvaluation(req, collected, ctx);
  const trails = evaluation.trails();
  if (!trails.ok) return [results.errorOf(uid, trails, 'the CloudTrail trails')];
  const subject = `${req.subject} (CIS ${req.cis})`;
  const account = `account ${ctx.accountId}`;
  const perTrail = trails.data.map((t) => ({ arn: t.arn, verdict: evaluation.trail(t) }));
  const evidence: Evidence = {
    requiredEvents: req.mustMatch.map((s) => s.label),
    benchmarkPattern: req.pattern,
    trails: perTrail.map((p) => ({
      arn: p.arn,
      status: p.verdict.status,
      detail: p.verdict.message.slice(0, 500),
    })),
  };
  if (perTrail.length === 0) {
    return [
      results.fail(
        uid,
        `${subject} are not monitored in ${account}: it has no CloudTrail trail`,
        evidence,
      ),
    ];
  }
  const verdict = perTrail.map((p) => p.verdict).reduce(better);
  switch (verdict.status) {
    case 'PASS':
      return [
        results.pass(uid, `${subject} are monitored in ${account}: ${verdict.message}`, {
          ...evidence,
          ...verdict.evidence,
        }),
      ];
    case 'ERROR':
      return [
        results.error(
          uid,
          verdict.code,
          `${subject} in ${account}: ${verdict.message}`.slice(0, MAX_MESSAGE),
          evidence,
        ),
      ];
    case 'MANUAL':
      return [
        results.manual(
          uid,
          `${subject} in ${account} cannot be confirmed by this scan: ${verdict.message}`.slice(
            0,
            MAX_MESSAGE,
          ),
          evidence,
        ),
      ];
    case 'FAIL': {
      const furthest = perTrail.flatMap((p) =>
        p.verdict.status === 'FAIL' && p.verdict.link === verdict.link ? [p.verdict.message] : [],
      );
      return [
        results.fail(
          uid,
          `${subject} are not monitored in ${account}: ${listed(furthest, 3)}`.slice(
            0,
            MAX_MESSAGE,
          ),
          evidence,
        ),
      ];
    }
  }
}

/** The IAM actions every CIS 5.x check reads. */
const MONITORING_APIS = [
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'logs:DescribeMetricFilters',
  'cloudwatch:DescribeAlarms',
  'sns:ListTopics',
  'sns:GetTopicAttributes',
];

/** The metadata of a CIS 5.x check: the shared rule, with its requirement's events and pattern. */
export function monitoringMetadata(def: {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  risk: string;
  requirement: MonitoringRequirement;
  metricName: string;
}): CheckMetadataInput {
  const req = def.requirement;
  const events = listed(
    req.mustMatch.map((s) => s.label),
    req.mustMatch.length,
  );
  return {
    id: def.id,
    title: def.title,
    service: 'cloudwatch',
    scope: 'account',
    severity: def.severity,
    resourceType: 'AwsAccount',
    description: def.description,
    risk: def.risk,
    assessment: 'automated',
    rule: {
      apis: MONITORING_APIS,
      pass: `A multi-region CloudTrail trail that is logging and records all management events (read and write) delivers to a CloudWatch Logs log group of this account; a metric filter on that log group counts every one of these sample events: ${events}, and does not count ${listed(
        req.mustNotMatch.map((s) => s.label),
        req.mustNotMatch.length,
      )} (so any pattern equivalent to the benchmark's passes, however it is written); a CloudWatch alarm with its actions enabled watches the filter's metric (namespace and name); one of the alarm's ALARM actions is an SNS topic with at least one confirmed subscription.`,
      fail: 'No trail completes that chain: the message names, for each trail, the first link that is missing (multi-region logging trail with all management events, delivery to CloudWatch Logs, a metric filter counting the events, an alarm on its metric, an enabled SNS alarm action, a confirmed subscriber). The result is MANUAL instead when the chain leaves what the scan sees (a log group or topic in another account or in a region not scanned, or a filter pattern Palisade cannot evaluate), and ERROR when a trail status, event selectors or topic attributes could not be read.',
    },
    remediation: {
      text: `Send a multi-region trail that logs all management events to a CloudWatch Logs log group, create a metric filter on it with the benchmark's pattern, an alarm on the filter's metric (threshold 1, statistic Sum), and make the alarm notify an SNS topic with a confirmed subscriber. Pattern: ${req.pattern}`,
      cli: `aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ${def.metricName} --metric-transformations metricName=${def.metricName},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${req.pattern}' && aws cloudwatch put-metric-alarm --alarm-name ${def.metricName} --metric-name ${def.metricName} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>`,
      cloudformation: `AWS::Logs::MetricFilter {LogGroupName: <trail-log-group>, FilterPattern: '${req.pattern}', MetricTransformations: [{MetricName: ${def.metricName}, MetricNamespace: CISBenchmark, MetricValue: '1'}]} and AWS::CloudWatch::Alarm on CISBenchmark/${def.metricName} with AlarmActions [<sns-topic-arn>]`,
      terraform: `resource "aws_cloudwatch_log_metric_filter" with pattern = '${req.pattern}' and resource "aws_cloudwatch_metric_alarm" on its metric with alarm_actions = [<sns-topic-arn>]`,
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    },
    categories: ['logging', 'monitoring'],
    compliance: { 'cis-aws-foundations-v7.0.0': [req.cis] },
    requires: ['cloudtrail.trails', 'logs.metricFilters', 'cloudwatch.alarms', 'sns.topics'],
  };
}
