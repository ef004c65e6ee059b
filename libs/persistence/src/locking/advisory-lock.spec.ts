import { thrown } from '../testing/thrown';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { advisoryLockKey } from './advisory-lock';

describe('advisoryLockKey', () => {
  it('should give the same signed 64-bit key for the same name', () => {
    const key = advisoryLockKey('outbox-relay');
    expect(advisoryLockKey('outbox-relay')).toBe(key);
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
  });

  it('should give different keys for different names', () => {
    const names = [
      'outbox-relay',
      'schedules',
      'retention',
      'suppression-expiry',
      'stale-jobs',
      'webhook-retries',
    ];
    expect(new Set(names.map(advisoryLockKey)).size).toBe(names.length);
  });

  it('should derive the key from sha256("palisade:" + name)', () => {
    // sha256("palisade:outbox-relay") — first 8 bytes, computed independently with `sha256sum`.
    expect(advisoryLockKey('outbox-relay')).toBe(BigInt.asIntN(64, BigInt('0x6a8f6cb184f6547c')));
  });

  it.each(['', 'Outbox', 'has space', 'x'.repeat(129), "quote'"])(
    'should reject the lock name %j',
    (name) => {
      expect(thrown(() => advisoryLockKey(name))).toMatchObject({
        code: PersistenceErrorCode.INVALID_LOCK_NAME,
      });
    },
  );
});
