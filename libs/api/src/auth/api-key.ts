import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a tenant key may do; `admin` implies the others. */
export const SCOPES = ['findings:read', 'scans:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

const TENANT_KEY = /^pal_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
const OPERATOR_KEY = /^pal_op_([A-Za-z0-9_-]{43})$/;
const KEY_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface ParsedTenantKey {
  readonly keyId: string;
  readonly secretSha256: Buffer;
}

export interface IssuedTenantKey {
  readonly keyId: string;
  /** `pal_<keyId>_<secret>`: shown once, never stored. */
  readonly key: string;
  readonly secretSha256: Buffer;
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A new tenant key: a 16-character id (looked up) and a 256-bit secret (only hashed). */
export function issueTenantKey(): IssuedTenantKey {
  const idBytes = randomBytes(16);
  const keyId = Array.from(idBytes, (b) => KEY_ID_ALPHABET[b % KEY_ID_ALPHABET.length]).join('');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `pal_${keyId}_${secret}`, secretSha256: sha256(secret) };
}

/** A new operator key (`npm run -s operator-key`), for the OPERATOR_KEY secret. */
export function issueOperatorKey(): string {
  return `pal_op_${randomBytes(32).toString('base64url')}`;
}

export function parseTenantKey(presented: string): ParsedTenantKey | null {
  const match = TENANT_KEY.exec(presented);
  if (!match) return null;
  return { keyId: match[1] as string, secretSha256: sha256(match[2] as string) };
}

export function isOperatorKeyFormat(presented: string): boolean {
  return OPERATOR_KEY.test(presented);
}

/** Constant-time equality of two SHA-256 digests. */
export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function grants(scopes: readonly Scope[], needed: Scope): boolean {
  return scopes.includes('admin') || scopes.includes(needed);
}
