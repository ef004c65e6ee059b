import { runCheck } from '../../../framework/check-kit';
import { failed } from '../../../framework/outcome';
import { monitoringSnapshot, topic } from '../monitoring.fixtures';
import { UNAUTHORIZED_API_CALLS } from '../monitoring-requirements';
import { cloudwatchUnauthorizedApiCallsAlarm } from './cloudwatch_unauthorized_api_calls_alarm.check';

const ACCOUNT_UID = 'arn:aws:cloudwatch::111122223333:account';

describe('cloudwatch_unauthorized_api_calls_alarm', () => {
  it('should PASS when a trail’s log group has the benchmark’s filter, an alarm and a subscribed topic', () => {
    const results = runCheck(
      cloudwatchUnauthorizedApiCallsAlarm,
      monitoringSnapshot(UNAUTHORIZED_API_CALLS.pattern),
    );

    expect(results).toEqual([
      expect.objectContaining({
        checkId: 'cloudwatch_unauthorized_api_calls_alarm',
        status: 'PASS',
        region: 'global',
        resourceUid: ACCOUNT_UID,
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain(
      `${UNAUTHORIZED_API_CALLS.subject} (CIS ${UNAUTHORIZED_API_CALLS.cis}) are monitored`,
    );
  });

  it('should FAIL when the only metric filter does not count exactly the requirement’s events', () => {
    const pattern = '{ $.errorCode = "AccessDenied*" }';
    const expected = 'does not count an EC2 call refused with Client.UnauthorizedOperation';

    const results = runCheck(cloudwatchUnauthorizedApiCallsAlarm, monitoringSnapshot(pattern));

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain(expected);
  });

  it('should FAIL when the alarm’s topic has no confirmed subscriber', () => {
    const results = runCheck(
      cloudwatchUnauthorizedApiCallsAlarm,
      monitoringSnapshot(UNAUTHORIZED_API_CALLS.pattern, { topics: [topic(0)] }),
    );

    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('SNS topic cis-alarms has no confirmed subscription');
  });

  it('should FAIL, not report nothing, when the account has no trail', () => {
    const results = runCheck(
      cloudwatchUnauthorizedApiCallsAlarm,
      monitoringSnapshot(UNAUTHORIZED_API_CALLS.pattern, { trails: [] }),
    );

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain('it has no CloudTrail trail');
  });

  it('should be one ERROR with the collector’s code when metric filters cannot be read', () => {
    const snapshot = monitoringSnapshot(UNAUTHORIZED_API_CALLS.pattern).setRegional(
      'logs.metricFilters',
      'eu-west-1',
      failed('ACCESS_DENIED', 'no logs:DescribeMetricFilters'),
    );

    expect(runCheck(cloudwatchUnauthorizedApiCallsAlarm, snapshot)).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: ACCOUNT_UID,
      }),
    ]);
  });
});
