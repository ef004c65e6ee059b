import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { issueTenantKey, type Scope } from '../auth/api-key';
import { cursorTime } from '../audit-log/time-cursor';
import { type ApiKeyView, type IssuedApiKeyView } from './api-keys.dto';

/** The columns of a key the API shows (never `secret_sha256`), and its cursor position. */
export const KEY_COLUMNS = `id, name, scopes, created_by, created_at, expires_at, revoked_at,
  last_used_at, ${cursorTime('created_at')} AS created_at_cursor`;

export interface KeyRow {
  id: string;
  name: string;
  scopes: Scope[];
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at_cursor: string;
}

export interface NewKey {
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly expiresAt: Date | null;
  /** The key id of the caller, or `operator`. */
  readonly createdBy: string;
}

export function toApiKeyView(row: KeyRow, now = Date.now()): ApiKeyView {
  const status =
    row.revoked_at !== null
      ? 'revoked'
      : row.expires_at !== null && row.expires_at.getTime() <= now
        ? 'expired'
        : 'active';
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    status,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/**
 * Issues a tenant key in the caller's tenant transaction: stores its id and the SHA-256 of its
 * secret only, and returns the key itself this once.
 */
export async function insertKey(
  manager: EntityManager,
  tenantId: TenantId,
  input: NewKey,
): Promise<IssuedApiKeyView> {
  const issued = issueTenantKey();
  const rows: KeyRow[] = await manager.query(
    `INSERT INTO public.api_keys (tenant_id, id, name, secret_sha256, scopes, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${KEY_COLUMNS}`,
    [
      tenantId,
      issued.keyId,
      input.name,
      issued.secretSha256,
      input.scopes,
      input.createdBy,
      input.expiresAt,
    ],
  );
  return { ...toApiKeyView(rows[0] as KeyRow), key: issued.key };
}
