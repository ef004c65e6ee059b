import { runCheck } from '../../../framework/check-kit';
import { failed } from '../../../framework/outcome';
import { monitoringSnapshot, topic } from '../monitoring.fixtures';
import { SECURITY_GROUP_CHANGES } from '../monitoring-requirements';
import { cloudwatchSecurityGroupChangesAlarm } from './cloudwatch_security_group_changes_alarm.check';

const ACCOUNT_UID = 'arn:aws:cloudwatch::111122223333:account';

describe('cloudwatch_security_group_changes_alarm', () => {
  it('should PASS when a trail’s log group has the benchmark’s filter, an alarm and a subscribed topic', () => {
    const results = runCheck(
      cloudwatchSecurityGroupChangesAlarm,
      monitoringSnapshot(SECURITY_GROUP_CHANGES.pattern),
    );

    expect(results).toEqual([
      expect.objectContaining({
        checkId: 'cloudwatch_security_group_changes_alarm',
        status: 'PASS',
        region: 'global',
        resourceUid: ACCOUNT_UID,
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain(
      `${SECURITY_GROUP_CHANGES.subject} (CIS ${SECURITY_GROUP_CHANGES.cis}) are monitored`,
    );
  });

  it('should FAIL when the only metric filter does not count exactly the requirement’s events', () => {
    const last = SECURITY_GROUP_CHANGES.mustMatch.at(-1)?.label ?? '';
    const pattern = SECURITY_GROUP_CHANGES.pattern.replace(` || ($.eventName = ${last})`, '');
    const expected = `does not count ${last}`;
    expect(pattern).not.toBe(SECURITY_GROUP_CHANGES.pattern);

    const results = runCheck(cloudwatchSecurityGroupChangesAlarm, monitoringSnapshot(pattern));

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain(expected);
  });

  it('should FAIL when the alarm’s topic has no confirmed subscriber', () => {
    const results = runCheck(
      cloudwatchSecurityGroupChangesAlarm,
      monitoringSnapshot(SECURITY_GROUP_CHANGES.pattern, { topics: [topic(0)] }),
    );

    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('SNS topic cis-alarms has no confirmed subscription');
  });

  it('should FAIL, not report nothing, when the account has no trail', () => {
    const results = runCheck(
      cloudwatchSecurityGroupChangesAlarm,
      monitoringSnapshot(SECURITY_GROUP_CHANGES.pattern, { trails: [] }),
    );

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain('it has no CloudTrail trail');
  });

  it('should be one ERROR with the collector’s code when metric filters cannot be read', () => {
    const snapshot = monitoringSnapshot(SECURITY_GROUP_CHANGES.pattern).setRegional(
      'logs.metricFilters',
      'eu-west-1',
      failed('ACCESS_DENIED', 'no logs:DescribeMetricFilters'),
    );

    expect(runCheck(cloudwatchSecurityGroupChangesAlarm, snapshot)).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: ACCOUNT_UID,
      }),
    ]);
  });
});
