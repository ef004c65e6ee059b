import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { credentialReport, daysAgo, reportRow, userArn } from '../iam-fixtures';
import { iamUserUnusedCredentialsDisabled } from './iam_user_unused_credentials_disabled.check';

function run(users: ReturnType<typeof reportRow>[], context = checkContext()) {
  return runCheck(
    iamUserUnusedCredentialsDisabled,
    new SnapshotBuilder().setGlobal('iam.credentialReport', ok(credentialReport(users))),
    context,
  );
}

describe('iam_user_unused_credentials_disabled', () => {
  it('should PASS users whose password and keys were used within 45 days, and users without credentials', () => {
    const results = run([
      reportRow('alice', {
        passwordEnabled: true,
        passwordLastUsed: daysAgo(45),
        key1: { active: true, lastRotated: daysAgo(300), lastUsed: daysAgo(2) },
      }),
      reportRow('new-hire', { passwordEnabled: true, passwordLastChanged: daysAgo(3) }),
      reportRow('nobody'),
    ]);
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      [userArn('alice'), 'PASS'],
      [userArn('new-hire'), 'PASS'],
      [userArn('nobody'), 'PASS'],
    ]);
    expect(results[2]?.message).toContain('has no console password and no active access key');
  });

  it('should FAIL a password last used more than 45 days ago', () => {
    const results = run([
      reportRow('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(46) }),
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        evidence: {
          unusedDaysAllowed: 45,
          credentials: [{ credential: 'console password', lastUsed: daysAgo(46), daysUnused: 46 }],
        },
      }),
    ]);
    expect(results[0]?.message).toContain('console password last used 2026-04-16');
  });

  it('should FAIL a never-used password or key by its creation date, and ignore inactive keys', () => {
    const results = run([
      reportRow('ghost', { passwordEnabled: true, userCreationTime: daysAgo(90) }),
      reportRow('old-key', { key1: { active: true, lastRotated: daysAgo(60) } }),
      reportRow('disabled-key', { key1: { active: false, lastRotated: daysAgo(600) } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL', 'PASS']);
    expect(results[0]?.message).toContain('console password never used since 2026-03-03');
    expect(results[1]?.message).toContain('access key 1 never used since 2026-04-02');
  });

  it('should use the tenant’s unused-days setting', () => {
    const context = checkContext({
      settings: { ...DEFAULT_CHECK_SETTINGS, 'iam.unusedCredentialDays': 90 },
    });
    const user = reportRow('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(60) });
    expect(run([user], context).map((r) => r.status)).toEqual(['PASS']);
  });

  it('should be ERROR for a user whose credential has no date to measure from', () => {
    const results = run([
      reportRow('odd', { key1: { active: true, lastRotated: null, lastUsed: null } }),
    ]);
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'CREDENTIAL_DATE_UNKNOWN' }),
    ]);
  });

  it('should be one ERROR when the credential report cannot be read', () => {
    const results = runCheck(
      iamUserUnusedCredentialsDisabled,
      new SnapshotBuilder().setGlobal('iam.credentialReport', failed('AWS_ERROR', 'timeout')),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'AWS_ERROR' })]);
  });

  it('should report nothing for an account without IAM users', () => {
    expect(run([])).toEqual([]);
  });
});
