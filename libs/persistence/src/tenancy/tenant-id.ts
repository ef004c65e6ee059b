import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';

/**
 * A tenant id that has been checked to be a UUID. Repositories take this type, so a query
 * without a tenant does not compile; only {@link parseTenantId} (or {@link isTenantId}) makes one.
 */
export type TenantId = string & { readonly __brand: 'TenantId' };

// Any RFC 4122/9562 layout, any version: Postgres accepts all of them as uuid.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTenantId(value: unknown): value is TenantId {
  return typeof value === 'string' && UUID.test(value);
}

/** Returns the canonical (lower-case) tenant id, or throws `INVALID_TENANT_ID`. */
export function parseTenantId(value: unknown): TenantId {
  if (!isTenantId(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_TENANT_ID,
      `tenant id must be a UUID, got ${shown}`,
    );
  }
  return value.toLowerCase() as TenantId;
}
