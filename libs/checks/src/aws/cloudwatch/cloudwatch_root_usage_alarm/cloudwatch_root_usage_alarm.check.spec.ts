import { runCheck } from '../../../framework/check-kit';
import { failed } from '../../../framework/outcome';
import { monitoringSnapshot, topic } from '../monitoring.fixtures';
import { ROOT_USAGE } from '../monitoring-requirements';
import { cloudwatchRootUsageAlarm } from './cloudwatch_root_usage_alarm.check';

const ACCOUNT_UID = 'arn:aws:cloudwatch::111122223333:account';

describe('cloudwatch_root_usage_alarm', () => {
  it('should PASS when a trail’s log group has the benchmark’s filter, an alarm and a subscribed topic', () => {
    const results = runCheck(cloudwatchRootUsageAlarm, monitoringSnapshot(ROOT_USAGE.pattern));

    expect(results).toEqual([
      expect.objectContaining({
        checkId: 'cloudwatch_root_usage_alarm',
        status: 'PASS',
        region: 'global',
        resourceUid: ACCOUNT_UID,
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain(
      `${ROOT_USAGE.subject} (CIS ${ROOT_USAGE.cis}) are monitored`,
    );
  });

  it('should FAIL when the only metric filter does not count exactly the requirement’s events', () => {
    const pattern = '{ $.userIdentity.type = "Root" && $.eventType = "AwsApiCall" }';
    const expected = 'does not count a root console sign-in';

    const results = runCheck(cloudwatchRootUsageAlarm, monitoringSnapshot(pattern));

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain(expected);
  });

  it('should FAIL when the alarm’s topic has no confirmed subscriber', () => {
    const results = runCheck(
      cloudwatchRootUsageAlarm,
      monitoringSnapshot(ROOT_USAGE.pattern, { topics: [topic(0)] }),
    );

    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('SNS topic cis-alarms has no confirmed subscription');
  });

  it('should FAIL, not report nothing, when the account has no trail', () => {
    const results = runCheck(
      cloudwatchRootUsageAlarm,
      monitoringSnapshot(ROOT_USAGE.pattern, { trails: [] }),
    );

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain('it has no CloudTrail trail');
  });

  it('should be one ERROR with the collector’s code when metric filters cannot be read', () => {
    const snapshot = monitoringSnapshot(ROOT_USAGE.pattern).setRegional(
      'logs.metricFilters',
      'eu-west-1',
      failed('ACCESS_DENIED', 'no logs:DescribeMetricFilters'),
    );

    expect(runCheck(cloudwatchRootUsageAlarm, snapshot)).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: ACCOUNT_UID,
      }),
    ]);
  });
});
