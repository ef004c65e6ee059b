import { Injectable } from '@nestjs/common';
import { parseTenantId, TenantTransactions, type TenantId } from '@palisade/persistence';
import { DataSource } from 'typeorm';
import { type Scope } from './api-key';

export interface StoredKey {
  readonly tenantId: TenantId;
  readonly secretSha256: Buffer;
  readonly scopes: readonly Scope[];
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly tenantStatus: string;
}

const TOUCH_EVERY_MS = 60_000;

interface KeyRow {
  tenant_id: string;
  secret_sha256: Buffer;
  scopes: Scope[];
  expires_at: Date | null;
  revoked_at: Date | null;
  tenant_status: string;
}

/** Reads a key by id across tenants (the one SECURITY DEFINER lookup) and records its use. */
@Injectable()
export class ApiKeyStore {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
  ) {}

  async lookup(keyId: string): Promise<StoredKey | null> {
    const rows = await this.dataSource.query<KeyRow[]>(
      `SELECT tenant_id, secret_sha256, scopes, expires_at, revoked_at, tenant_status
         FROM public.palisade_api_key_lookup($1)`,
      [keyId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      tenantId: parseTenantId(row.tenant_id),
      secretSha256: row.secret_sha256,
      scopes: row.scopes,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      tenantStatus: row.tenant_status,
    };
  }

  /** Sets `last_used_at`, at most once a minute per key and process. */
  async touch(tenantId: TenantId, keyId: string, now = Date.now()): Promise<void> {
    const last = this.touched.get(keyId);
    if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
    this.touched.set(keyId, now);
    if (this.touched.size > 10_000) this.touched.clear();
    await this.transactions.withTenant(tenantId, (manager) =>
      manager.query(
        `UPDATE public.api_keys SET last_used_at = now() WHERE tenant_id = $1 AND id = $2`,
        [tenantId, keyId],
      ),
    );
  }
}
