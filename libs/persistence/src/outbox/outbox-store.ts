import { type EntityManager } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { parseTenantId, type TenantId } from '../tenancy/tenant-id';

export interface OutboxMessage {
  topic: string;
  key: string;
  /** Any JSON value; stored as jsonb. */
  value: unknown;
  headers?: Record<string, string>;
}

/** A claimed outbox row, as the relay publishes it. */
export interface OutboxRecord {
  id: string;
  tenantId: TenantId | null;
  topic: string;
  key: string;
  value: unknown;
  headers: Record<string, string>;
  createdAt: Date;
}

interface OutboxRow {
  id: string;
  tenant_id: string | null;
  topic: string;
  key: string;
  value: unknown;
  headers: Record<string, string>;
  created_at: Date;
}

/**
 * Writes messages to the outbox in the caller's transaction, so they commit or roll back with
 * the business rows. `tenantId` must be the transaction's tenant (RLS refuses any other);
 * `null` only with no tenant set, for system messages.
 */
export async function enqueueOutbox(
  manager: EntityManager,
  tenantId: TenantId | null,
  messages: readonly OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) return;
  const tenant = tenantId === null ? null : parseTenantId(tenantId);
  const params: unknown[] = [];
  const rows = messages.map((message) => {
    params.push(
      tenant,
      message.topic,
      message.key,
      JSON.stringify(message.value),
      JSON.stringify(message.headers ?? {}),
    );
    const n = params.length;
    return `($${n - 4}::uuid, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::jsonb)`;
  });
  // No RETURNING: the app role's RLS allows reading back only its own tenant's rows.
  await manager.query(
    `INSERT INTO public.outbox (tenant_id, topic, key, value, headers) VALUES ${rows.join(', ')}`,
    params,
  );
}

/**
 * For the relay: locks and returns up to `limit` unpublished messages of every tenant, oldest id
 * first, skipping rows another relay has locked. The locks last until the caller's transaction
 * ends, so claim, publish and {@link markOutboxPublished} belong in one transaction.
 */
export async function claimOutboxBatch(
  manager: EntityManager,
  limit: number,
): Promise<OutboxRecord[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ARGUMENT,
      `claim limit must be an integer in 1..10000, got ${limit}`,
    );
  }
  const rows: OutboxRow[] = await manager.query(
    'SELECT id, tenant_id, topic, key, value, headers, created_at FROM public.palisade_outbox_claim($1)',
    [limit],
  );
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id === null ? null : parseTenantId(row.tenant_id),
    topic: row.topic,
    key: row.key,
    value: row.value,
    headers: row.headers,
    createdAt: row.created_at,
  }));
}

/** Marks messages published; returns how many were still unpublished. */
export async function markOutboxPublished(
  manager: EntityManager,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows: { count: number }[] = await manager.query(
    'SELECT public.palisade_outbox_mark_published($1::bigint[]) AS count',
    [ids],
  );
  return rows[0]?.count ?? 0;
}

/** Deletes messages published before `publishedBefore` (retention); returns how many. */
export async function pruneOutbox(manager: EntityManager, publishedBefore: Date): Promise<number> {
  const rows: { count: number }[] = await manager.query(
    'SELECT public.palisade_outbox_prune($1) AS count',
    [publishedBefore],
  );
  return rows[0]?.count ?? 0;
}
