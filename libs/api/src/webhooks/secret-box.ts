import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A new signing secret: `whsec_` + 32 random bytes in base64url (shown once, then only encrypted). */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The secret could not be decrypted: another key, or a ciphertext of another webhook. */
export class SecretDecryptionError extends Error {
  constructor() {
    super('the signing secret cannot be decrypted with WEBHOOK_ENCRYPTION_KEY');
    this.name = 'SecretDecryptionError';
  }
}

function keyOf(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== KEY_BYTES) throw new Error('the encryption key must be 32 bytes');
  return key;
}

/**
 * AES-256-GCM with a random 12-byte IV per secret; stored as iv | tag | ciphertext. The webhook
 * (`<tenant>:<webhook id>`) is the associated data, so a ciphertext copied onto another row does
 * not decrypt there.
 */
export function encryptSecret(secret: string, base64Key: string, associated: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(base64Key), iv);
  cipher.setAAD(Buffer.from(associated, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptSecret(stored: Buffer, base64Key: string, associated: string): string {
  if (stored.length <= IV_BYTES + TAG_BYTES) throw new SecretDecryptionError();
  const iv = stored.subarray(0, IV_BYTES);
  const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const ciphertext = stored.subarray(IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(base64Key), iv);
    decipher.setAAD(Buffer.from(associated, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretDecryptionError();
  }
}

/** The associated data binding a ciphertext to its webhook row. */
export function secretContext(tenantId: string, webhookId: string): string {
  return `palisade-webhook:${tenantId}:${webhookId}`;
}
