import { runCheck } from '../../../framework/check-kit';
import { failed } from '../../../framework/outcome';
import { monitoringSnapshot, topic } from '../monitoring.fixtures';
import { CONSOLE_AUTH_FAILURES } from '../monitoring-requirements';
import { cloudwatchConsoleAuthFailuresAlarm } from './cloudwatch_console_auth_failures_alarm.check';

const ACCOUNT_UID = 'arn:aws:cloudwatch::111122223333:account';

describe('cloudwatch_console_auth_failures_alarm', () => {
  it('should PASS when a trail’s log group has the benchmark’s filter, an alarm and a subscribed topic', () => {
    const results = runCheck(
      cloudwatchConsoleAuthFailuresAlarm,
      monitoringSnapshot(CONSOLE_AUTH_FAILURES.pattern),
    );

    expect(results).toEqual([
      expect.objectContaining({
        checkId: 'cloudwatch_console_auth_failures_alarm',
        status: 'PASS',
        region: 'global',
        resourceUid: ACCOUNT_UID,
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain(
      `${CONSOLE_AUTH_FAILURES.subject} (CIS ${CONSOLE_AUTH_FAILURES.cis}) are monitored`,
    );
  });

  it('should FAIL when the only metric filter does not count exactly the requirement’s events', () => {
    const pattern = '{ $.eventName = ConsoleLogin }';
    const expected = 'also counts a successful console sign-in with MFA';

    const results = runCheck(cloudwatchConsoleAuthFailuresAlarm, monitoringSnapshot(pattern));

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain(expected);
  });

  it('should FAIL when the alarm’s topic has no confirmed subscriber', () => {
    const results = runCheck(
      cloudwatchConsoleAuthFailuresAlarm,
      monitoringSnapshot(CONSOLE_AUTH_FAILURES.pattern, { topics: [topic(0)] }),
    );

    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('SNS topic cis-alarms has no confirmed subscription');
  });

  it('should FAIL, not report nothing, when the account has no trail', () => {
    const results = runCheck(
      cloudwatchConsoleAuthFailuresAlarm,
      monitoringSnapshot(CONSOLE_AUTH_FAILURES.pattern, { trails: [] }),
    );

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain('it has no CloudTrail trail');
  });

  it('should be one ERROR with the collector’s code when metric filters cannot be read', () => {
    const snapshot = monitoringSnapshot(CONSOLE_AUTH_FAILURES.pattern).setRegional(
      'logs.metricFilters',
      'eu-west-1',
      failed('ACCESS_DENIED', 'no logs:DescribeMetricFilters'),
    );

    expect(runCheck(cloudwatchConsoleAuthFailuresAlarm, snapshot)).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: ACCOUNT_UID,
      }),
    ]);
  });
});
