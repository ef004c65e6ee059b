import { randomBytes } from 'node:crypto';
import {
  decryptSecret,
  encryptSecret,
  generateSigningSecret,
  SecretDecryptionError,
  secretContext,
} from './secret-box';

const KEY = randomBytes(32).toString('base64');
const CONTEXT = secretContext(
  '6a3f1c2e-9b8d-4e7f-a1c2-3d4e5f6a7b8c',
  'a9b8c7d6-1234-4abc-8def-0123456789ab',
);

describe('signing secrets', () => {
  it('should be whsec_ and 32 random bytes in base64url', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(6), 'base64url')).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it('should store iv (12) | tag (16) | ciphertext, with a fresh IV each time', () => {
    const secret = generateSigningSecret();
    const a = encryptSecret(secret, KEY, CONTEXT);
    const b = encryptSecret(secret, KEY, CONTEXT);
    expect(a).toHaveLength(12 + 16 + Buffer.byteLength(secret));
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.includes(Buffer.from(secret))).toBe(false);
    expect(decryptSecret(a, KEY, CONTEXT)).toBe(secret);
    expect(decryptSecret(b, KEY, CONTEXT)).toBe(secret);
  });

  it('should refuse another key, another webhook, and a tampered ciphertext', () => {
    const stored = encryptSecret(generateSigningSecret(), KEY, CONTEXT);
    const otherKey = randomBytes(32).toString('base64');
    expect(() => decryptSecret(stored, otherKey, CONTEXT)).toThrow(SecretDecryptionError);
    expect(() =>
      decryptSecret(stored, KEY, secretContext('6a3f1c2e-9b8d-4e7f-a1c2-3d4e5f6a7b8c', 'x')),
    ).toThrow(SecretDecryptionError);
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    expect(() => decryptSecret(tampered, KEY, CONTEXT)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(Buffer.alloc(20), KEY, CONTEXT)).toThrow(SecretDecryptionError);
  });
});
