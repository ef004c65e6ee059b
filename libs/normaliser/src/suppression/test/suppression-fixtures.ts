// Integration-test support for suppression (excluded from the build: `**/test/**`): sources and
// inventory written with plain SQL as the service role under their tenant (RLS applies), rules
// through the repository, and readers of what applying them recorded.
import { decodeMessage, type FindingsChanged, Topics } from '@palisade/contracts';
import {
  type NewSuppressionRule,
  type SuppressionRule,
  SuppressionRulesRepository,
  type TenantId,
  TenantScope,
  withTenant,
} from '@palisade/persistence';
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { applySuppression, type SuppressionContext } from '../apply-suppression';
import { type SuppressionTarget } from '../suppression-sql';

export interface SourceFixture {
  readonly kind?: 'organization' | 'accounts';
  readonly deleted?: boolean;
  /** OUs, parents first: the root has no parent. */
  readonly ous?: readonly { readonly ouId: string; readonly parentId: string | null }[];
}

/** A source with its OUs; returns its id. */
export async function createSource(
  service: DataSource,
  tenantId: TenantId,
  source: SourceFixture = {},
): Promise<string> {
  return withTenant(service, tenantId, async (manager) => {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO public.sources (tenant_id, name, kind, config, deleted_at)
       VALUES ($1, $2, $3, '{}', $4) RETURNING id`,
      [
        tenantId,
        `source-${randomUUID().slice(0, 8)}`,
        source.kind ?? 'organization',
        source.deleted ? new Date() : null,
      ],
    );
    if (row === undefined) throw new Error('no source inserted');
    await manager.query(
      `INSERT INTO public.organizational_units (tenant_id, source_id, ou_id, name, parent_id, path)
       SELECT $1, $2, o.ou_id, o.ou_id, o.parent_id, '/' || o.ou_id
         FROM jsonb_to_recordset($3::jsonb) AS o(ou_id text, parent_id text)`,
      [
        tenantId,
        row.id,
        JSON.stringify((source.ous ?? []).map((o) => ({ ou_id: o.ouId, parent_id: o.parentId }))),
      ],
    );
    return row.id;
  });
}

export interface AccountFixture {
  readonly sourceId: string;
  readonly accountId: string;
  readonly ouId?: string | null;
  readonly tags?: Record<string, string>;
  readonly removed?: boolean;
}

export async function insertAccounts(
  service: DataSource,
  tenantId: TenantId,
  accounts: readonly AccountFixture[],
): Promise<void> {
  await withTenant(service, tenantId, (manager) =>
    manager.query(
      `INSERT INTO public.accounts (tenant_id, source_id, account_id, name, state, ou_id, tags,
                                    removed_at, first_seen_at, last_seen_at)
       SELECT $1, a.source_id, a.account_id, a.account_id, 'ACTIVE', a.ou_id, a.tags,
              CASE WHEN a.removed THEN now() END, now(), now()
         FROM jsonb_to_recordset($2::jsonb)
              AS a(source_id uuid, account_id text, ou_id text, tags jsonb, removed boolean)`,
      [
        tenantId,
        JSON.stringify(
          accounts.map((a) => ({
            source_id: a.sourceId,
            account_id: a.accountId,
            ou_id: a.ouId ?? null,
            tags: a.tags ?? {},
            removed: a.removed ?? false,
          })),
        ),
      ],
    ),
  );
}

/** A rule through the repository (validated like the api's). */
export function createRule(
  service: DataSource,
  tenantId: TenantId,
  rule: Partial<NewSuppressionRule>,
): Promise<SuppressionRule> {
  return withTenant(service, tenantId, async (manager) =>
    new SuppressionRulesRepository(await TenantScope.open(manager, tenantId)).create(tenantId, {
      reason: 'accepted risk',
      author: 'alice@example.com',
      ...rule,
    }),
  );
}

export function deleteRule(service: DataSource, tenantId: TenantId, id: string): Promise<boolean> {
  return withTenant(service, tenantId, async (manager) =>
    new SuppressionRulesRepository(await TenantScope.open(manager, tenantId)).delete(tenantId, id),
  );
}

/** Moves a rule's expiry into the past, as time passing would (no `rules.changed`). */
export async function expireRule(owner: DataSource, id: string): Promise<void> {
  await owner.query(
    `UPDATE public.suppression_rules SET expires_at = now() - interval '1 second' WHERE id = $1`,
    [id],
  );
}

export function apply(
  service: DataSource,
  tenantId: TenantId,
  target: SuppressionTarget,
  context?: SuppressionContext,
) {
  return withTenant(service, tenantId, (manager, tenant) =>
    applySuppression(manager, tenant, target, context),
  );
}

/** `suppressed_by` of each uid, in order (read by the owner). */
export async function suppressedBy(
  owner: DataSource,
  uids: readonly string[],
): Promise<(string | null)[]> {
  const rows = await owner.query<{ uid: string; suppressed_by: string | null }[]>(
    `SELECT uid, suppressed_by FROM public.findings WHERE uid = ANY ($1::character(64)[])`,
    [uids],
  );
  const byUid = new Map(rows.map((r) => [r.uid, r.suppressed_by]));
  return uids.map((uid) => {
    const value = byUid.get(uid);
    if (value === undefined) throw new Error(`no finding ${uid}`);
    return value;
  });
}

export interface HistoryRow {
  finding_uid: string;
  change: string | null;
  from_status: string | null;
  to_status: string;
  suppressed_by: string | null;
  scan_id: string | null;
  job_id: string | null;
}

export function historyOf(owner: DataSource, tenantId: TenantId): Promise<HistoryRow[]> {
  return owner.query<HistoryRow[]>(
    `SELECT finding_uid, change, from_status, to_status, suppressed_by, scan_id, job_id
       FROM public.finding_history WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
}

/** The tenant's `findings.changed` messages in the outbox, decoded (each must decode). */
export async function announcedOf(
  owner: DataSource,
  tenantId: TenantId,
): Promise<FindingsChanged[]> {
  const rows = await owner.query<{ topic: string; key: string; value: unknown }[]>(
    `SELECT topic, key, value FROM public.outbox WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return rows.map((row) => {
    expect(row.topic).toBe(Topics.findingsChanged.name);
    const decoded = decodeMessage(Topics.findingsChanged, JSON.stringify(row.value));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(row.key).toBe(Topics.findingsChanged.key(decoded.value));
    return decoded.value;
  });
}
