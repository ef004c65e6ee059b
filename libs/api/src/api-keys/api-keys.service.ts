import { Injectable } from '@nestjs/common';
import { type TenantId } from '@palisade/persistence';
import { z } from 'zod';
import { type Scope } from '../auth/api-key';
import { cursorTimeSchema } from '../audit-log/time-cursor';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { conflict, notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import { insertKey, KEY_COLUMNS, type KeyRow, toApiKeyView } from './api-key-rows';
import { type ApiKeyView, type IssuedApiKeyView } from './api-keys.dto';

const keyCursor = z.object({ c: cursorTimeSchema, id: z.string().regex(/^[a-z0-9]{16}$/) });

export interface ApiKeyPage {
  readonly items: ApiKeyView[];
  readonly nextCursor: string | null;
}

/** A tenant's keys: issued once, listed without secrets, revoked (never un-revoked). */
@Injectable()
export class ApiKeysService {
  constructor(private readonly db: TenantDb) {}

  create(
    tenantId: TenantId,
    createdBy: string,
    input: { name: string; scopes: readonly Scope[]; expiresAt?: string | undefined },
  ): Promise<IssuedApiKeyView> {
    return this.db.run(tenantId, (manager) =>
      insertKey(manager, tenantId, {
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt === undefined ? null : new Date(input.expiresAt),
        createdBy,
      }),
    );
  }

  /** Oldest first, by (created_at, id). */
  list(tenantId: TenantId, limit: number, cursor: string | undefined): Promise<ApiKeyPage> {
    const after = cursor === undefined ? null : decodeCursor(cursor, keyCursor);
    return this.db.run(tenantId, async (manager) => {
      const rows: KeyRow[] = await manager.query(
        `SELECT ${KEY_COLUMNS} FROM public.api_keys
          WHERE tenant_id = $1
            AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::text))
          ORDER BY created_at, id
          LIMIT $4`,
        [tenantId, after?.c ?? null, after?.id ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => toApiKeyView(row)),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ c: last.created_at_cursor, id: last.id })
            : null,
      };
    });
  }

  get(tenantId: TenantId, id: string): Promise<ApiKeyView> {
    return this.db.run(tenantId, async (manager) => {
      const rows: KeyRow[] = await manager.query(
        `SELECT ${KEY_COLUMNS} FROM public.api_keys WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      const row = rows[0];
      if (!row) throw notFound('API key', id);
      return toApiKeyView(row);
    });
  }

  /**
   * Revokes a key (it gets 401 from its next request on; revoking twice keeps the first time).
   * The tenant's last working admin key cannot be revoked: nobody could manage the tenant any
   * more. Revocations of one tenant are serialised on its tenant row, so two concurrent ones
   * cannot both pass that check.
   */
  revoke(tenantId: TenantId, id: string): Promise<void> {
    return this.db.run(tenantId, async (manager) => {
      await manager.query(`SELECT 1 FROM public.tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
      const rows: KeyRow[] = await manager.query(
        `SELECT ${KEY_COLUMNS} FROM public.api_keys WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      const row = rows[0];
      if (!row) throw notFound('API key', id);
      const view = toApiKeyView(row);
      if (view.status === 'revoked') return;
      if (view.status === 'active' && view.scopes.includes('admin')) {
        const others: { n: number }[] = await manager.query(
          `SELECT count(*)::int AS n FROM public.api_keys
            WHERE tenant_id = $1 AND id <> $2 AND 'admin' = ANY (scopes)
              AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
          [tenantId, id],
        );
        if ((others[0]?.n ?? 0) === 0) {
          throw conflict(
            'this is the last working admin key of the tenant: create another admin key first',
          );
        }
      }
      await manager.query(
        `UPDATE public.api_keys SET revoked_at = now()
          WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
        [tenantId, id],
      );
    });
  }
}
