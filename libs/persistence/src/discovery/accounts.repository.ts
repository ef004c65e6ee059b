import { In, IsNull } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { type TenantId } from '../tenancy/tenant-id';
import { AccountEntity, type AccountState } from './account.entity';
import {
  type DiscoveredOrganizationalUnit,
  OrganizationalUnitsRepository,
} from './organizational-units.repository';
import { assertUnique, chunk, selectCount, selectRows, sortedBy } from './sql-helpers';
import { type TenantScope } from './tenant-scope';

/** An account as discovery found it (Organizations, or the `accounts` source's list). */
export interface DiscoveredAccount {
  accountId: string;
  name: string;
  email?: string | null;
  state: AccountState;
  /** Its parent OU (or root); must be one of the OUs passed with it. NULL for `accounts` sources. */
  ouId?: string | null;
  tags?: Record<string, string>;
  joinedAt?: Date | null;
  /** Per-account role override of an `accounts` source. */
  roleArn?: string | null;
}

/**
 * What one inventory upsert did, each present account counted once: `added` (new), `returned`
 * (had been removed), `moved` (another OU), `updated` (any other attribute changed),
 * `unchanged`; `removed` counts accounts of the source absent from this inventory.
 */
export interface InventoryCounts {
  added: number;
  returned: number;
  moved: number;
  updated: number;
  unchanged: number;
  removed: number;
  ousRemoved: number;
}

const ACCOUNT_ID = /^\d{12}$/;

/** `accounts`: the inventory of each source. */
export class AccountsRepository {
  private readonly ous: OrganizationalUnitsRepository;

  constructor(private readonly scope: TenantScope) {
    this.ous = new OrganizationalUnitsRepository(scope);
  }

  /**
   * Makes the source's inventory what discovery just saw, in the caller's transaction: upserts
   * the OUs and the accounts in multi-row statements (chunked, in account order so concurrent
   * runs lock rows in the same order), sets `ou_path` from the OUs, clears `removed_at` of the
   * present accounts, and sets `removed_at = seenAt` on the source's other accounts not yet removed.
   */
  async upsertInventory(
    tenantId: TenantId,
    sourceId: string,
    accounts: readonly DiscoveredAccount[],
    ous: readonly DiscoveredOrganizationalUnit[],
    seenAt: Date,
  ): Promise<InventoryCounts> {
    const manager = this.scope.managerFor(tenantId);
    const paths = new Map(ous.map((ou) => [ou.ouId, ou.path]));
    for (const account of accounts) {
      if (!ACCOUNT_ID.test(account.accountId)) {
        throw invalid(`account id must be 12 digits, got ${JSON.stringify(account.accountId)}`);
      }
      const ouId = account.ouId ?? null;
      if (ouId !== null && !paths.has(ouId)) {
        throw invalid(
          `account ${account.accountId} is in OU ${account.ouId}, which is not in the OU list`,
        );
      }
    }
    assertUnique(accounts, (a) => a.accountId, 'account');

    const { removed: ousRemoved } = await this.ous.replaceAll(tenantId, sourceId, ous, seenAt);
    const counts: InventoryCounts = {
      added: 0,
      returned: 0,
      moved: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      ousRemoved,
    };
    const sorted = sortedBy(accounts, (a) => a.accountId);
    for (const part of chunk(sorted)) {
      const rows = part.map((a) => ({
        account_id: a.accountId,
        name: a.name,
        email: a.email ?? null,
        state: a.state,
        ou_id: a.ouId ?? null,
        ou_path: a.ouId ? (paths.get(a.ouId) ?? null) : null,
        tags: a.tags ?? {},
        joined_at: a.joinedAt ?? null,
        role_arn: a.roleArn ?? null,
      }));
      await manager.query(LOCK_ACCOUNTS_SQL, [tenantId, sourceId, part.map((a) => a.accountId)]);
      const [chunkCounts] = await selectRows<Omit<InventoryCounts, 'removed' | 'ousRemoved'>>(
        manager,
        UPSERT_ACCOUNTS_SQL,
        [tenantId, sourceId, JSON.stringify(rows), seenAt],
      );
      for (const key of ['added', 'returned', 'moved', 'updated', 'unchanged'] as const) {
        counts[key] += chunkCounts?.[key] ?? 0;
      }
    }
    counts.removed = await selectCount(
      manager,
      `WITH gone AS (
         UPDATE public.accounts SET removed_at = $3
          WHERE tenant_id = $1 AND source_id = $2 AND removed_at IS NULL
            AND NOT (account_id = ANY ($4::bpchar[]))
         RETURNING 1
       ) SELECT count(*)::int AS n FROM gone`,
      [tenantId, sourceId, seenAt, sorted.map((a) => a.accountId)],
    );
    return counts;
  }

  /** The source's present accounts (not removed), by account id. */
  async listActive(tenantId: TenantId, sourceId: string): Promise<AccountEntity[]> {
    return await this.scope.managerFor(tenantId).find(AccountEntity, {
      where: { tenantId, sourceId, removedAt: IsNull() },
      order: { accountId: 'ASC' },
    });
  }

  /** Accounts by row id (`accounts.id`), removed ones included. */
  async findByIds(tenantId: TenantId, ids: readonly string[]): Promise<AccountEntity[]> {
    if (ids.length === 0) return [];
    return await this.scope.managerFor(tenantId).find(AccountEntity, {
      where: { tenantId, id: In([...ids]) },
      order: { accountId: 'ASC' },
    });
  }

  /** Accounts of one source by AWS account id, removed ones included. */
  async findByAccountIds(
    tenantId: TenantId,
    sourceId: string,
    accountIds: readonly string[],
  ): Promise<AccountEntity[]> {
    if (accountIds.length === 0) return [];
    return await this.scope.managerFor(tenantId).find(AccountEntity, {
      where: { tenantId, sourceId, accountId: In([...accountIds]) },
      order: { accountId: 'ASC' },
    });
  }
}

function invalid(message: string): PersistenceError {
  return new PersistenceError(PersistenceErrorCode.INVALID_ARGUMENT, message);
}

// Any stored attribute other than the OU differs from the input (the OU is `moved`).
const CHANGED = `((p.name, p.email, p.state, p.ou_path, p.tags, p.joined_at, p.role_arn)
  IS DISTINCT FROM (i.name, i.email, i.state, i.ou_path, i.tags, i.joined_at, i.role_arn))`;

// Locks the chunk's existing rows, in account order, before the upsert reads them: a concurrent
// run of the same source waits here instead of changing them between `prev` and the upsert.
// (FOR UPDATE cannot go in the upsert's own CTE: rows the INSERT already updated would be skipped.)
const LOCK_ACCOUNTS_SQL = `
  SELECT 1 FROM public.accounts
   WHERE tenant_id = $1 AND source_id = $2 AND account_id = ANY ($3::bpchar[])
   ORDER BY account_id COLLATE "C"
     FOR UPDATE`;

// $1 tenant, $2 source, $3 the chunk as a JSON array, $4 seenAt. `prev` is the state before the
// upsert (the statement's snapshot); each input row is counted once.
const UPSERT_ACCOUNTS_SQL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($3::jsonb) AS i(
      account_id character(12), name text, email text, state text, ou_id text, ou_path text,
      tags jsonb, joined_at timestamptz, role_arn text)
  ),
  prev AS (
    SELECT a.account_id, a.name, a.email, a.state, a.ou_id, a.ou_path, a.tags, a.joined_at,
           a.role_arn, a.removed_at
      FROM public.accounts a
     WHERE a.tenant_id = $1 AND a.source_id = $2
       AND a.account_id IN (SELECT account_id FROM input)
  ),
  upserted AS (
    INSERT INTO public.accounts AS a (tenant_id, source_id, account_id, name, email, state, ou_id,
                                      ou_path, tags, joined_at, role_arn, first_seen_at, last_seen_at)
    SELECT $1, $2, i.account_id, i.name, i.email, i.state, i.ou_id, i.ou_path, i.tags, i.joined_at,
           i.role_arn, $4, $4
      FROM input i
     ORDER BY i.account_id COLLATE "C"
    ON CONFLICT (tenant_id, source_id, account_id) DO UPDATE
       SET name = excluded.name, email = excluded.email, state = excluded.state,
           ou_id = excluded.ou_id, ou_path = excluded.ou_path, tags = excluded.tags,
           joined_at = excluded.joined_at, role_arn = excluded.role_arn, removed_at = NULL,
           last_seen_at = greatest(a.last_seen_at, excluded.last_seen_at)
    RETURNING a.account_id
  )
  SELECT
    count(*) FILTER (WHERE p.account_id IS NULL)::int AS added,
    count(*) FILTER (WHERE p.account_id IS NOT NULL AND p.removed_at IS NOT NULL)::int AS returned,
    count(*) FILTER (WHERE p.account_id IS NOT NULL AND p.removed_at IS NULL
      AND p.ou_id IS DISTINCT FROM i.ou_id)::int AS moved,
    count(*) FILTER (WHERE p.account_id IS NOT NULL AND p.removed_at IS NULL
      AND p.ou_id IS NOT DISTINCT FROM i.ou_id AND ${CHANGED})::int AS updated,
    count(*) FILTER (WHERE p.account_id IS NOT NULL AND p.removed_at IS NULL
      AND p.ou_id IS NOT DISTINCT FROM i.ou_id AND NOT ${CHANGED})::int AS unchanged
  FROM upserted u
  JOIN input i ON i.account_id = u.account_id
  LEFT JOIN prev p ON p.account_id = u.account_id`;
