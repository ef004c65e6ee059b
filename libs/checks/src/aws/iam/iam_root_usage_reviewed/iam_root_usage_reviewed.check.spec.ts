import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { accountSummary, credentialReport, daysAgo, reportRow } from '../iam-fixtures';
import { iamRootUsageReviewed } from './iam_root_usage_reviewed.check';

function snapshot(root: ReturnType<typeof reportRow> | null) {
  return new SnapshotBuilder()
    .setGlobal('iam.credentialReport', ok(credentialReport([reportRow('alice')], root)))
    .setGlobal('iam.accountSummary', ok(accountSummary({ mfa: true })));
}

describe('iam_root_usage_reviewed', () => {
  it('should be MANUAL with the root user’s last password and key use from the credential report', () => {
    const root = reportRow('<root_account>', {
      passwordLastUsed: daysAgo(3),
      mfaActive: true,
      key1: { active: true, lastUsed: daysAgo(20) },
    });
    const results = runCheck(iamRootUsageReviewed, snapshot(root));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        resourceUid: 'arn:aws:iam::111122223333:root',
        evidence: expect.objectContaining({
          passwordLastUsed: daysAgo(3),
          daysSincePasswordUse: 3,
          accessKeys: [expect.objectContaining({ slot: 1, active: true, lastUsed: daysAgo(20) })],
          mfaActive: true,
        }) as object,
      }),
    ]);
    expect(results[0]?.message).toContain('password last used 2026-05-29 (3 days ago)');
    expect(results[0]?.message).toContain('access key 1 last used 2026-05-12 (20 days ago)');
  });

  it('should say "never used" for a root user that never signed in', () => {
    const results = runCheck(iamRootUsageReviewed, snapshot(reportRow('<root_account>')));
    expect(results[0]?.message).toContain('password never used');
    expect(results[0]?.status).toBe('MANUAL');
  });

  it('should fall back to the account summary’s facts when the report has no root row', () => {
    const results = runCheck(iamRootUsageReviewed, snapshot(null));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'MANUAL',
        evidence: {
          credentialReportRootRow: null,
          accountMfaEnabled: true,
          accountAccessKeysPresent: false,
        },
      }),
    ]);
  });

  it('should be one ERROR when the credential report cannot be read', () => {
    const results = runCheck(
      iamRootUsageReviewed,
      new SnapshotBuilder()
        .setGlobal('iam.credentialReport', failed('AWS_ERROR', 'report not generated'))
        .setGlobal('iam.accountSummary', ok(accountSummary())),
    );
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', errorCode: 'AWS_ERROR' })]);
  });
});
