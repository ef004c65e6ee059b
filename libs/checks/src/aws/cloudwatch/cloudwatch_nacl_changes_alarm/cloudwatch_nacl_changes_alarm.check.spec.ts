import { runCheck } from '../../../framework/check-kit';
import { failed } from '../../../framework/outcome';
import { monitoringSnapshot, topic } from '../monitoring.fixtures';
import { NACL_CHANGES } from '../monitoring-requirements';
import { cloudwatchNaclChangesAlarm } from './cloudwatch_nacl_changes_alarm.check';

const ACCOUNT_UID = 'arn:aws:cloudwatch::111122223333:account';

describe('cloudwatch_nacl_changes_alarm', () => {
  it('should PASS when a trail’s log group has the benchmark’s filter, an alarm and a subscribed topic', () => {
    const results = runCheck(cloudwatchNaclChangesAlarm, monitoringSnapshot(NACL_CHANGES.pattern));

    expect(results).toEqual([
      expect.objectContaining({
        checkId: 'cloudwatch_nacl_changes_alarm',
        status: 'PASS',
        region: 'global',
        resourceUid: ACCOUNT_UID,
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain(
      `${NACL_CHANGES.subject} (CIS ${NACL_CHANGES.cis}) are monitored`,
    );
  });

  it('should FAIL when the only metric filter does not count exactly the requirement’s events', () => {
    const last = NACL_CHANGES.mustMatch.at(-1)?.label ?? '';
    const pattern = NACL_CHANGES.pattern.replace(` || ($.eventName = ${last})`, '');
    const expected = `does not count ${last}`;
    expect(pattern).not.toBe(NACL_CHANGES.pattern);

    const results = runCheck(cloudwatchNaclChangesAlarm, monitoringSnapshot(pattern));

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain(expected);
  });

  it('should FAIL when the alarm’s topic has no confirmed subscriber', () => {
    const results = runCheck(
      cloudwatchNaclChangesAlarm,
      monitoringSnapshot(NACL_CHANGES.pattern, { topics: [topic(0)] }),
    );

    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('SNS topic cis-alarms has no confirmed subscription');
  });

  it('should FAIL, not report nothing, when the account has no trail', () => {
    const results = runCheck(
      cloudwatchNaclChangesAlarm,
      monitoringSnapshot(NACL_CHANGES.pattern, { trails: [] }),
    );

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain('it has no CloudTrail trail');
  });

  it('should be one ERROR with the collector’s code when metric filters cannot be read', () => {
    const snapshot = monitoringSnapshot(NACL_CHANGES.pattern).setRegional(
      'logs.metricFilters',
      'eu-west-1',
      failed('ACCESS_DENIED', 'no logs:DescribeMetricFilters'),
    );

    expect(runCheck(cloudwatchNaclChangesAlarm, snapshot)).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: ACCOUNT_UID,
      }),
    ]);
  });
});
