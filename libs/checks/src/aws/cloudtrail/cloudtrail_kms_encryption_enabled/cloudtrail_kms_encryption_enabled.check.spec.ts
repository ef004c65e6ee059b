import { type Trail } from '../../../collected/cloudtrail';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { trail } from '../trail-fixtures';
import { cloudtrailKmsEncryptionEnabled } from './cloudtrail_kms_encryption_enabled.check';

function snapshot(euWest1: Trail[], usEast1: Trail[] = []) {
  return new SnapshotBuilder()
    .setRegional('cloudtrail.trails', 'eu-west-1', ok(euWest1))
    .setRegional('cloudtrail.trails', 'us-east-1', ok(usEast1));
}

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('cloudtrail_kms_encryption_enabled', () => {
  it('should PASS a trail with a KMS key and FAIL one without', () => {
    const results = runCheck(
      cloudtrailKmsEncryptionEnabled,
      snapshot([trail('encrypted', { kmsKeyId: KEY }), trail('plain')]),
    );
    expect(results.map((r) => r.status)).toEqual(['PASS', 'FAIL']);
    expect(results[0]?.evidence).toEqual({ kmsKeyId: KEY });
    expect(results[1]?.message).toBe(
      'Trail plain in eu-west-1 of account 111122223333 does not encrypt its logs with a KMS key',
    );
  });

  it('should report a multi-region trail only in its home region', () => {
    const shadow = trail('elsewhere', { homeRegion: 'us-east-1' });
    const results = runCheck(cloudtrailKmsEncryptionEnabled, snapshot([shadow], [shadow]));
    expect(results.map((r) => [r.status, r.region])).toEqual([['FAIL', 'us-east-1']]);
  });

  it('should be ERROR when the trails could not be collected', () => {
    const results = runCheck(
      cloudtrailKmsEncryptionEnabled,
      new SnapshotBuilder()
        .setRegional('cloudtrail.trails', 'eu-west-1', ok([]))
        .setRegional('cloudtrail.trails', 'us-east-1', failed('THROTTLED', 'rate exceeded')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', region: 'us-east-1', errorCode: 'THROTTLED' }),
    ]);
  });

  it('should report nothing when there are no trails', () => {
    expect(runCheck(cloudtrailKmsEncryptionEnabled, snapshot([]))).toEqual([]);
  });
});
