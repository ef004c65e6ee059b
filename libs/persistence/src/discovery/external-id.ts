import { randomBytes } from 'node:crypto';

/** 32 random bytes: 256 bits of entropy, 43 base64url characters. */
const EXTERNAL_ID_BYTES = 32;

/** What a Palisade-generated ExternalId looks like (also the tenant_settings check constraint). */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9_-]{32,1224}$/;

/**
 * A fresh ExternalId for a tenant's AssumeRole calls: 256 random bits as 43 URL-safe characters
 * (`[A-Za-z0-9_-]`, all valid in an STS ExternalId). Palisade generates it and never accepts one
 * from a caller: a tenant able to choose it could name another tenant's role (the confused deputy).
 */
export function generateExternalId(): string {
  return randomBytes(EXTERNAL_ID_BYTES).toString('base64url');
}

export function isExternalId(value: unknown): value is string {
  return typeof value === 'string' && EXTERNAL_ID_PATTERN.test(value);
}
