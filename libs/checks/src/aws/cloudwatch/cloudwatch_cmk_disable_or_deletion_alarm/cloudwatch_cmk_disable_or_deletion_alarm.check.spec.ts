import { runCheck } from '../../../framework/check-kit';
import { failed } from '../../../framework/outcome';
import { monitoringSnapshot, topic } from '../monitoring.fixtures';
import { CMK_DISABLE_OR_DELETION } from '../monitoring-requirements';
import { cloudwatchCmkDisableOrDeletionAlarm } from './cloudwatch_cmk_disable_or_deletion_alarm.check';

const ACCOUNT_UID = 'arn:aws:cloudwatch::111122223333:account';

describe('cloudwatch_cmk_disable_or_deletion_alarm', () => {
  it('should PASS when a trail’s log group has the benchmark’s filter, an alarm and a subscribed topic', () => {
    const results = runCheck(
      cloudwatchCmkDisableOrDeletionAlarm,
      monitoringSnapshot(CMK_DISABLE_OR_DELETION.pattern),
    );

    expect(results).toEqual([
      expect.objectContaining({
        checkId: 'cloudwatch_cmk_disable_or_deletion_alarm',
        status: 'PASS',
        region: 'global',
        resourceUid: ACCOUNT_UID,
        resourceType: 'AwsAccount',
      }),
    ]);
    expect(results[0]?.message).toContain(
      `${CMK_DISABLE_OR_DELETION.subject} (CIS ${CMK_DISABLE_OR_DELETION.cis}) are monitored`,
    );
  });

  it('should FAIL when the only metric filter does not count exactly the requirement’s events', () => {
    const last = CMK_DISABLE_OR_DELETION.mustMatch.at(-1)?.label ?? '';
    const pattern = CMK_DISABLE_OR_DELETION.pattern.replace(` || ($.eventName = ${last})`, '');
    const expected = `does not count ${last}`;
    expect(pattern).not.toBe(CMK_DISABLE_OR_DELETION.pattern);

    const results = runCheck(cloudwatchCmkDisableOrDeletionAlarm, monitoringSnapshot(pattern));

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain(expected);
  });

  it('should FAIL when the alarm’s topic has no confirmed subscriber', () => {
    const results = runCheck(
      cloudwatchCmkDisableOrDeletionAlarm,
      monitoringSnapshot(CMK_DISABLE_OR_DELETION.pattern, { topics: [topic(0)] }),
    );

    expect(results).toEqual([expect.objectContaining({ status: 'FAIL' })]);
    expect(results[0]?.message).toContain('SNS topic cis-alarms has no confirmed subscription');
  });

  it('should FAIL, not report nothing, when the account has no trail', () => {
    const results = runCheck(
      cloudwatchCmkDisableOrDeletionAlarm,
      monitoringSnapshot(CMK_DISABLE_OR_DELETION.pattern, { trails: [] }),
    );

    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ACCOUNT_UID }),
    ]);
    expect(results[0]?.message).toContain('it has no CloudTrail trail');
  });

  it('should be one ERROR with the collector’s code when metric filters cannot be read', () => {
    const snapshot = monitoringSnapshot(CMK_DISABLE_OR_DELETION.pattern).setRegional(
      'logs.metricFilters',
      'eu-west-1',
      failed('ACCESS_DENIED', 'no logs:DescribeMetricFilters'),
    );

    expect(runCheck(cloudwatchCmkDisableOrDeletionAlarm, snapshot)).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: ACCOUNT_UID,
      }),
    ]);
  });
});
