import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { accountSummary } from '../iam-fixtures';
import { iamRootAccessKeyAbsent } from './iam_root_access_key_absent.check';

const ROOT = 'arn:aws:iam::111122223333:root';

describe('iam_root_access_key_absent', () => {
  it('should PASS when the account summary reports no root access key', () => {
    const results = runCheck(
      iamRootAccessKeyAbsent,
      new SnapshotBuilder().setGlobal('iam.accountSummary', ok(accountSummary({ keys: false }))),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: ROOT,
        region: 'global',
        evidence: { AccountAccessKeysPresent: 0 },
      }),
    ]);
  });

  it('should FAIL when the root user has an access key', () => {
    const results = runCheck(
      iamRootAccessKeyAbsent,
      new SnapshotBuilder().setGlobal('iam.accountSummary', ok(accountSummary({ keys: true }))),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', resourceUid: ROOT, resourceType: 'AwsAccount' }),
    ]);
    expect(results[0]?.message).toContain('111122223333');
  });

  it('should be one ERROR with the collector’s code when the summary cannot be read', () => {
    const results = runCheck(
      iamRootAccessKeyAbsent,
      new SnapshotBuilder().setGlobal('iam.accountSummary', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should still judge the root user (one result) when the summary map is empty', () => {
    const summary = { ...accountSummary(), summaryMap: {} };
    const results = runCheck(
      iamRootAccessKeyAbsent,
      new SnapshotBuilder().setGlobal('iam.accountSummary', ok(summary)),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS']);
  });
});
