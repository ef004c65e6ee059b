import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { type KmsKey } from '../../../collected/kms';
import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { kmsCmkRotationEnabled } from './kms_cmk_rotation_enabled.check';

function key(id: string, over: Partial<KmsKey> = {}): KmsKey {
  return {
    keyId: id,
    arn: `arn:aws:kms:eu-west-1:111122223333:key/${id}`,
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    rotationEnabled: ok(true),
    policy: ok('{}'),
    ...over,
  };
}

function snapshot(keys: KmsKey[]) {
  return new SnapshotBuilder()
    .setRegional('kms.keys', 'eu-west-1', ok(keys))
    .setRegional('kms.keys', 'us-east-1', ok([]));
}

describe('kms_cmk_rotation_enabled', () => {
  it('should PASS a rotating key and FAIL one that does not rotate', () => {
    const results = runCheck(
      kmsCmkRotationEnabled,
      snapshot([key('rotating'), key('static', { rotationEnabled: ok(false) })]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region])).toEqual([
      ['arn:aws:kms:eu-west-1:111122223333:key/rotating', 'PASS', 'eu-west-1'],
      ['arn:aws:kms:eu-west-1:111122223333:key/static', 'FAIL', 'eu-west-1'],
    ]);
    expect(results[1]?.message).toBe(
      'KMS key static in eu-west-1 of account 111122223333 does not rotate automatically',
    );
  });

  it('should not evaluate AWS-managed, asymmetric, disabled or pending-deletion keys', () => {
    const results = runCheck(
      kmsCmkRotationEnabled,
      snapshot([
        key('aws', { keyManager: 'AWS', rotationEnabled: null }),
        key('rsa', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', rotationEnabled: null }),
        key('off', { keyState: 'Disabled', rotationEnabled: ok(false) }),
        key('going', { keyState: 'PendingDeletion', rotationEnabled: null }),
      ]),
    );
    expect(results).toEqual([]);
  });

  it('should be MANUAL for imported key material, which cannot rotate automatically', () => {
    const results = runCheck(
      kmsCmkRotationEnabled,
      snapshot([key('byok', { origin: 'EXTERNAL', rotationEnabled: ok(false) })]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'MANUAL', evidence: { origin: 'EXTERNAL' } }),
    ]);
  });

  it('should PASS a non-rotating key when the tenant does not require rotation', () => {
    const ctx = checkContext({
      settings: { ...DEFAULT_CHECK_SETTINGS, 'kms.rotationRequired': false },
    });
    const results = runCheck(
      kmsCmkRotationEnabled,
      snapshot([key('static', { rotationEnabled: ok(false) })]),
      ctx,
    );
    expect(results.map((r) => r.status)).toEqual(['PASS']);
    expect(results[0]?.message).toContain('kms.rotationRequired is false');
  });

  it('should be ERROR when the rotation status or the key itself cannot be read', () => {
    const results = runCheck(
      kmsCmkRotationEnabled,
      snapshot([
        key('denied', { rotationEnabled: failed('ACCESS_DENIED', 'no kms:GetKeyRotationStatus') }),
        key('opaque', {
          keyManager: 'UNKNOWN',
          keyState: 'UNKNOWN',
          keySpec: 'UNKNOWN',
          keyUsage: 'UNKNOWN',
          origin: 'UNKNOWN',
          rotationEnabled: failed('ACCESS_DENIED', 'no kms:DescribeKey'),
          describeError: { code: 'ACCESS_DENIED', message: 'no kms:DescribeKey' },
        }),
      ]),
    );
    expect(results.map((r) => [r.status, r.errorCode])).toEqual([
      ['ERROR', 'ACCESS_DENIED'],
      ['ERROR', 'ACCESS_DENIED'],
    ]);
    expect(results[1]?.message).toContain('could not read the metadata of KMS key opaque');
  });

  it('should be ERROR for the region whose keys could not be collected', () => {
    const results = runCheck(
      kmsCmkRotationEnabled,
      new SnapshotBuilder()
        .setRegional('kms.keys', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('kms.keys', 'us-east-1', ok([])),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([['ERROR', 'eu-west-1']]);
  });

  it('should report nothing when the region has no keys', () => {
    expect(runCheck(kmsCmkRotationEnabled, snapshot([]))).toEqual([]);
  });
});
