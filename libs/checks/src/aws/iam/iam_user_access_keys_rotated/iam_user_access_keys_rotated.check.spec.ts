import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { credentialReport, daysAgo, reportRow, userArn } from '../iam-fixtures';
import { iamUserAccessKeysRotated } from './iam_user_access_keys_rotated.check';

function run(users: ReturnType<typeof reportRow>[], context = checkContext()) {
  return runCheck(
    iamUserAccessKeysRotated,
    new SnapshotBuilder().setGlobal('iam.credentialReport', ok(credentialReport(users))),
    context,
  );
}

describe('iam_user_access_keys_rotated', () => {
  it('should PASS a user whose active keys are at most 90 days old, ignoring inactive ones', () => {
    const results = run([
      reportRow('alice', {
        key1: { active: true, lastRotated: daysAgo(90) },
        key2: { active: false, lastRotated: daysAgo(500) },
      }),
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: userArn('alice'),
        evidence: {
          maxAgeDays: 90,
          activeKeys: [{ slot: 1, lastRotated: daysAgo(90), ageDays: 90 }],
        },
      }),
    ]);
  });

  it('should FAIL a user with an active key older than 90 days', () => {
    const results = run([
      reportRow('bob', {
        key1: { active: true, lastRotated: daysAgo(10) },
        key2: { active: true, lastRotated: daysAgo(91) },
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0]?.message).toBe(
      'IAM user bob of account 111122223333 has active access keys older than 90 days: key 2 created 2026-03-02',
    );
  });

  it('should use the tenant’s maximum key age', () => {
    const context = checkContext({
      settings: { ...DEFAULT_CHECK_SETTINGS, 'iam.accessKeyMaxAgeDays': 30 },
    });
    const user = reportRow('alice', { key1: { active: true, lastRotated: daysAgo(31) } });
    expect(run([user], context).map((r) => r.status)).toEqual(['FAIL']);
  });

  it('should be ERROR for an active key without a rotation date', () => {
    const results = run([reportRow('odd', { key1: { active: true, lastRotated: null } })]);
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'CREDENTIAL_DATE_UNKNOWN' }),
    ]);
  });

  it('should be one ERROR when the credential report cannot be read', () => {
    const results = runCheck(
      iamUserAccessKeysRotated,
      new SnapshotBuilder().setGlobal('iam.credentialReport', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing when no user has an active access key', () => {
    expect(run([reportRow('alice', { passwordEnabled: true }), reportRow('bob')])).toEqual([]);
  });
});
