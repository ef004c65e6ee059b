import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { credentialReport, daysAgo, reportRow, userArn } from '../iam-fixtures';
import { iamUserConsoleMfaEnabled } from './iam_user_console_mfa_enabled.check';

function run(users: ReturnType<typeof reportRow>[]) {
  return runCheck(
    iamUserConsoleMfaEnabled,
    new SnapshotBuilder().setGlobal('iam.credentialReport', ok(credentialReport(users))),
  );
}

describe('iam_user_console_mfa_enabled', () => {
  it('should PASS console users with MFA and FAIL those without, one result per console user', () => {
    const results = run([
      reportRow('alice', { passwordEnabled: true, mfaActive: true, passwordLastUsed: daysAgo(1) }),
      reportRow('bob', { passwordEnabled: true, mfaActive: false }),
      reportRow('ci-bot', { key1: { active: true } }),
    ]);
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      [userArn('alice'), 'PASS'],
      [userArn('bob'), 'FAIL'],
    ]);
    expect(results[1]?.message).toBe(
      'IAM user bob of account 111122223333 has a console password and no MFA',
    );
  });

  it('should ignore the root row (its MFA is another check’s)', () => {
    const results = runCheck(
      iamUserConsoleMfaEnabled,
      new SnapshotBuilder().setGlobal(
        'iam.credentialReport',
        ok(credentialReport([], reportRow('<root_account>', { passwordEnabled: true }))),
      ),
    );
    expect(results).toEqual([]);
  });

  it('should report nothing when no user has a console password', () => {
    expect(run([reportRow('ci-bot', { key1: { active: true } })])).toEqual([]);
  });

  it('should be one ERROR when the credential report cannot be read', () => {
    const results = runCheck(
      iamUserConsoleMfaEnabled,
      new SnapshotBuilder().setGlobal('iam.credentialReport', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });
});
