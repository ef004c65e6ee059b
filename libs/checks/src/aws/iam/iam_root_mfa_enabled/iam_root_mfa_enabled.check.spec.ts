import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { accountSummary } from '../iam-fixtures';
import { iamRootMfaEnabled } from './iam_root_mfa_enabled.check';

function run(summary: Parameters<typeof accountSummary>[0]) {
  return runCheck(
    iamRootMfaEnabled,
    new SnapshotBuilder().setGlobal('iam.accountSummary', ok(accountSummary(summary))),
  );
}

describe('iam_root_mfa_enabled', () => {
  it('should PASS when the root user has MFA', () => {
    expect(run({ mfa: true })).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:iam::111122223333:root',
        evidence: { AccountMFAEnabled: 1 },
      }),
    ]);
  });

  it('should FAIL when the root user has no MFA', () => {
    const results = run({ mfa: false });
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
    expect(results[0]?.message).toBe('The root user of account 111122223333 has no MFA device');
  });

  it('should be one ERROR when the summary cannot be read', () => {
    const results = runCheck(
      iamRootMfaEnabled,
      new SnapshotBuilder().setGlobal('iam.accountSummary', failed('THROTTLED', 'slow down')),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'THROTTLED' })]);
  });

  it('should FAIL (never PASS) when the summary map leaves the flag out', () => {
    const summary = { ...accountSummary(), summaryMap: {} };
    const results = runCheck(
      iamRootMfaEnabled,
      new SnapshotBuilder().setGlobal('iam.accountSummary', ok(summary)),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', evidence: { AccountMFAEnabled: 0 } }),
    ]);
  });
});
