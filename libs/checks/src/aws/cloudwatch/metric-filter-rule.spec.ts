import { type CheckResult } from '@palisade/contracts';
import { type AdvancedFieldSelector } from '../../collected/cloudtrail';
import { checkContext, KIT_ACCOUNT } from '../../framework/check-kit';
import { type CheckContext } from '../../framework/context';
import { failed, ok } from '../../framework/outcome';
import { type SnapshotBuilder } from '../../framework/snapshot';
import { parseFilterPattern, patternMatches } from './filter-pattern';
import {
  evaluateMonitoring,
  parseLogGroupArn,
  recordsAllManagementEvents,
} from './metric-filter-rule';
import {
  alarm,
  HOME,
  LOG_GROUP,
  METRIC,
  metricFilter,
  monitoringSnapshot,
  topic,
  trail,
} from './monitoring.fixtures';
import {
  CLOUDTRAIL_CHANGES,
  CONSOLE_AUTH_FAILURES,
  CONSOLE_SIGNIN_WITHOUT_MFA,
  IAM_POLICY_CHANGES,
  MONITORING_REQUIREMENTS,
  type MonitoringRequirement,
  ROOT_USAGE,
  UNAUTHORIZED_API_CALLS,
} from './monitoring-requirements';

const META = { id: 'cloudwatch_test_alarm', resourceType: 'AwsAccount', service: 'cloudwatch' };
const CTX: CheckContext = { ...checkContext(), region: 'global' };

function evaluate(
  req: MonitoringRequirement,
  snapshot: SnapshotBuilder,
  ctx: CheckContext = CTX,
): CheckResult {
  const results = evaluateMonitoring(req, META, snapshot, ctx);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result === undefined) throw new Error('no result');
  return result;
}

const IAM = IAM_POLICY_CHANGES;

describe('the CIS 5.x metric filter rule', () => {
  describe('requirement samples', () => {
    it.each(MONITORING_REQUIREMENTS.map((r) => [r.cis, r] as const))(
      'should count every sample of %s with the benchmark pattern and no unrelated event',
      (_cis, req) => {
        const parsed = parseFilterPattern(req.pattern);
        if (!parsed.ok) throw new Error(parsed.reason);
        expect(req.mustMatch.filter((s) => !patternMatches(parsed.pattern, s.event))).toEqual([]);
        expect(req.mustNotMatch.filter((s) => patternMatches(parsed.pattern, s.event))).toEqual([]);
      },
    );
  });

  describe('pattern matching', () => {
    it.each([
      [
        'the benchmark’s ungrouped 5.1 pattern',
        UNAUTHORIZED_API_CALLS,
        '{($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket")}',
      ],
      [
        'the older 5.1 pattern',
        UNAUTHORIZED_API_CALLS,
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
      ],
      [
        'the 5.2 pattern restricted to successful IAM user sign-ins',
        CONSOLE_SIGNIN_WITHOUT_MFA,
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
      ],
      [
        'a reordered, quoted 5.4 pattern without eventSource',
        IAM,
        `{${[...IAM.mustMatch]
          .reverse()
          .map((s) => `$.eventName="${s.label}"`)
          .join('||')}}`,
      ],
      [
        'a 5.5 pattern with wildcards and eventSource',
        CLOUDTRAIL_CHANGES,
        '{ $.eventSource = "cloudtrail.amazonaws.com" && ($.eventName = "*Trail" || $.eventName = %^(Start|Stop)Logging$%) }',
      ],
      [
        'a 5.5 term pattern',
        CLOUDTRAIL_CHANGES,
        '?CreateTrail ?UpdateTrail ?DeleteTrail ?StartLogging ?StopLogging',
      ],
    ])('should PASS %s', (_name, req, pattern) => {
      expect(evaluate(req, monitoringSnapshot(pattern))).toMatchObject({ status: 'PASS' });
    });

    it('should FAIL a filter that leaves out a required event, naming it', () => {
      const pattern = IAM.pattern.replace(' || ($.eventName = DetachGroupPolicy)', '');
      const result = evaluate(IAM, monitoringSnapshot(pattern));

      expect(result.status).toBe('FAIL');
      expect(result.message).toContain(
        `trail management → log group ${LOG_GROUP} (${HOME}) has no metric filter counting iam policy changes (metric filter cis does not count DetachGroupPolicy)`,
      );
    });

    it.each([
      ['an empty pattern', IAM, ''],
      ['an eventName wildcard', ROOT_USAGE, '{ $.eventName = * }'],
      [
        'every console sign-in for 5.2',
        CONSOLE_SIGNIN_WITHOUT_MFA,
        '{ $.eventName = ConsoleLogin }',
      ],
      ['every console sign-in for 5.6', CONSOLE_AUTH_FAILURES, 'ConsoleLogin'],
    ])('should FAIL %s, which counts unrelated events', (_name, req, pattern) => {
      const result = evaluate(req, monitoringSnapshot(pattern));

      expect(result.status).toBe('FAIL');
      expect(result.message).toContain('also counts');
    });

    it('should be MANUAL when the only candidate filter has a pattern it cannot evaluate', () => {
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, {
          filters: [metricFilter('[version, account, eni, source, destination]')],
        }),
      );

      expect(result.status).toBe('MANUAL');
      expect(result.message).toContain('a person must judge metric filter cis');
    });

    it('should PASS on the matching filter when another filter of the log group is unreadable', () => {
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, {
          filters: [metricFilter('[a, b]', { name: 'flow' }), metricFilter(IAM.pattern)],
        }),
      );

      expect(result).toMatchObject({ status: 'PASS', evidence: { metricFilter: 'cis' } });
    });
  });

  describe('the chain', () => {
    it('should PASS naming every link, with the chain in the evidence', () => {
      const result = evaluate(IAM, monitoringSnapshot(IAM.pattern, { topics: [topic(2)] }));

      expect(result).toMatchObject({
        checkId: META.id,
        status: 'PASS',
        region: 'global',
        resourceUid: `arn:aws:cloudwatch::${KIT_ACCOUNT}:account`,
        evidence: {
          trail: trail().arn,
          logGroup: LOG_GROUP,
          logGroupRegion: HOME,
          metricFilter: 'cis',
          alarm: alarm().arn,
          topic: topic(2).arn,
          confirmedSubscriptions: 2,
        },
      });
      expect(result.message).toBe(
        `IAM policy changes (CIS 5.4) are monitored in account ${KIT_ACCOUNT}: trail management → log group ${LOG_GROUP} (${HOME}) → metric filter cis → alarm cis-alarm → SNS topic cis-alarms (2 confirmed subscriptions)`,
      );
      // The trail is listed in both scanned regions; it is evaluated once.
      expect(result.evidence?.trails).toHaveLength(1);
    });

    it('should PASS an alarm that reads the metric through metric math', () => {
      const mathAlarm = alarm({ metrics: [{ namespace: 'Other', metricName: 'X' }, METRIC] });

      expect(evaluate(IAM, monitoringSnapshot(IAM.pattern, { alarms: [mathAlarm] })).status).toBe(
        'PASS',
      );
    });

    it.each([
      ['there is no trail', { trails: [] }, 'it has no CloudTrail trail'],
      [
        'the trail is single-region',
        { trails: [trail({ isMultiRegion: false })] },
        'trail management is not multi-region',
      ],
      [
        'the trail is not logging',
        { trails: [trail({ status: ok({ isLogging: false }) })] },
        'trail management is not logging',
      ],
      [
        'the trail records write events only',
        {
          trails: [
            trail({
              eventSelectors: ok({
                basic: [
                  { readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] },
                ],
                advanced: [],
              }),
            }),
          ],
        },
        'does not record all management events',
      ],
      [
        'the trail does not deliver to CloudWatch Logs',
        { trails: [trail({ cloudWatchLogsLogGroupArn: undefined })] },
        'trail management does not deliver to CloudWatch Logs',
      ],
      [
        'the filter is on another log group',
        { filters: [metricFilter(IAM.pattern, { logGroupName: 'other' })] },
        'has no metric filter counting iam policy changes',
      ],
      [
        'no alarm watches the filter’s metric',
        { alarms: [alarm({ metrics: [{ namespace: 'CISBenchmark', metricName: 'Other' }] })] },
        'metric filter cis: no CloudWatch alarm watches its metric CISBenchmark/Monitored',
      ],
      [
        'the alarm’s actions are disabled',
        { alarms: [alarm({ actionsEnabled: false })] },
        'alarm cis-alarm has its actions disabled',
      ],
      [
        'the alarm notifies no SNS topic',
        { alarms: [alarm({ alarmActions: ['arn:aws:automate:us-east-1:ec2:stop'] })] },
        'alarm cis-alarm notifies no SNS topic on ALARM',
      ],
      [
        'the topic has no confirmed subscriber',
        { topics: [topic(0)] },
        'SNS topic cis-alarms has no confirmed subscription',
      ],
      ['the topic does not exist', { topics: [] }, 'SNS topic cis-alarms does not exist'],
    ] as const)('should FAIL when %s, saying so', (_name, setup, message) => {
      const result = evaluate(IAM, monitoringSnapshot(IAM.pattern, setup));

      expect(result.status).toBe('FAIL');
      expect(result.message).toContain(
        `IAM policy changes (CIS 5.4) are not monitored in account ${KIT_ACCOUNT}: `,
      );
      expect(result.message).toContain(message);
    });

    it('should report the trail that got furthest', () => {
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, {
          trails: [
            trail({
              name: 'local',
              arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/local',
              isMultiRegion: false,
            }),
            trail(),
          ],
          topics: [topic(0)],
        }),
      );

      expect(result.status).toBe('FAIL');
      expect(result.message).toContain('has no confirmed subscription');
      expect(result.message).not.toContain('local');
      expect(result.evidence?.trails).toHaveLength(2);
    });

    it('should PASS when one trail completes the chain and another fails or errs', () => {
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, {
          trails: [
            trail({
              name: 'a',
              arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/a',
              isMultiRegion: false,
            }),
            trail({
              name: 'b',
              arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/b',
              status: failed('ACCESS_DENIED', 'denied'),
            }),
            trail(),
          ],
        }),
      );

      expect(result.status).toBe('PASS');
    });

    const management = { field: 'eventCategory', equals: ['Management'] };
    const readOnly = (equals: string[]) => ({ field: 'readOnly', equals });
    it.each<[string, AdvancedFieldSelector[][], boolean]>([
      ['all management events in one selector', [[management]], true],
      [
        'read-only and write-only events in two selectors',
        [
          [management, readOnly(['true'])],
          [management, readOnly(['false'])],
        ],
        true,
      ],
      ['write-only events alone', [[management, readOnly(['false'])]], false],
      [
        'readOnly notEquals true (writes only)',
        [[management, { field: 'readOnly', notEquals: ['true'] }]],
        false,
      ],
      [
        'an excluded event source',
        [[management, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }]],
        false,
      ],
    ])(
      'should tell whether advanced selectors record all management events: %s',
      (_case, selectors, records) => {
        const advanced = selectors.map((fieldSelectors) => ({ fieldSelectors }));
        expect(recordsAllManagementEvents({ basic: [], advanced })).toBe(records);
      },
    );
  });

  describe('what the scan cannot see', () => {
    it('should be MANUAL, never PASS, when the log group’s region was not scanned', () => {
      const arn = `arn:aws:logs:eu-central-1:${KIT_ACCOUNT}:log-group:${LOG_GROUP}:*`;
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, { trails: [trail({ cloudWatchLogsLogGroupArn: arn })] }),
      );

      expect(result.status).toBe('MANUAL');
      expect(result.message).toContain('is in eu-central-1, which this scan did not cover');
    });

    it('should be MANUAL when the log group is in another account (an organization trail)', () => {
      const arn = `arn:aws:logs:${HOME}:999988887777:log-group:org-trail:*`;
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, {
          trails: [trail({ isOrganizationTrail: true, cloudWatchLogsLogGroupArn: arn })],
        }),
      );

      expect(result.status).toBe('MANUAL');
      expect(result.message).toContain(
        "is in account 999988887777; its metric filters and alarms are evaluated in that account's scan",
      );
    });

    it('should be MANUAL when the alarm notifies a topic of another account', () => {
      const other = 'arn:aws:sns:us-east-1:999988887777:central';
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, { alarms: [alarm({ alarmActions: [other] })] }),
      );

      expect(result.status).toBe('MANUAL');
      expect(result.message).toContain('SNS topic central is in account 999988887777');
    });

    it('should be ERROR with the code when the topic’s subscriptions cannot be read', () => {
      const result = evaluate(
        IAM,
        monitoringSnapshot(IAM.pattern, {
          topics: [
            topic(0, {
              subscriptionsConfirmed: failed('ACCESS_DENIED', 'no sns:GetTopicAttributes'),
            }),
          ],
        }),
      );

      expect(result).toMatchObject({ status: 'ERROR', errorCode: 'ACCESS_DENIED' });
      expect(result.message).toContain('could not read the subscriptions of SNS topic cis-alarms');
    });

    it('should be ERROR when the trails of a scanned region cannot be read', () => {
      const snapshot = monitoringSnapshot(IAM.pattern).setRegional(
        'cloudtrail.trails',
        'eu-west-1',
        failed('THROTTLED', 'rate exceeded'),
      );

      expect(evaluate(IAM, snapshot)).toMatchObject({ status: 'ERROR', errorCode: 'THROTTLED' });
    });
  });

  it('should parse log group ARNs with and without the :* suffix', () => {
    expect(parseLogGroupArn(`arn:aws:logs:us-east-1:${KIT_ACCOUNT}:log-group:a/b:*`)).toEqual({
      region: 'us-east-1',
      account: KIT_ACCOUNT,
      name: 'a/b',
    });
    expect(
      parseLogGroupArn(`arn:aws-us-gov:logs:us-gov-west-1:${KIT_ACCOUNT}:log-group:x`),
    ).toEqual({
      region: 'us-gov-west-1',
      account: KIT_ACCOUNT,
      name: 'x',
    });
    expect(parseLogGroupArn('arn:aws:s3:::bucket')).toBeUndefined();
  });
});
