import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { type Inventory, type InventoryAccount, type InventoryOu } from './posture';

interface AccountRow {
  account_id: string;
  name: string;
  ou_id: string | null;
  ou_path: string | null;
}

interface OuRow {
  ou_id: string;
  name: string;
  path: string;
  parent_id: string | null;
}

/**
 * The tenant's accounts (name and current OU; an account in several sources is taken from the
 * one where it is present, in an OU, most recently seen) and its present OUs. A removed account
 * keeps its name but belongs to no OU any more.
 */
export async function loadInventory(
  manager: EntityManager,
  tenantId: TenantId,
): Promise<Inventory> {
  const accounts = await manager.query<AccountRow[]>(
    `SELECT DISTINCT ON (account_id) account_id, name,
            CASE WHEN removed_at IS NULL THEN ou_id END AS ou_id,
            CASE WHEN removed_at IS NULL THEN ou_path END AS ou_path
       FROM public.accounts
      WHERE tenant_id = $1
      ORDER BY account_id, (removed_at IS NULL) DESC, (ou_id IS NOT NULL) DESC, last_seen_at DESC`,
    [tenantId],
  );
  const ous = await manager.query<OuRow[]>(
    `SELECT DISTINCT ON (ou_id) ou_id, name, path, parent_id
       FROM public.organizational_units
      WHERE tenant_id = $1 AND removed_at IS NULL
      ORDER BY ou_id, updated_at DESC`,
    [tenantId],
  );
  return {
    accounts: new Map(
      accounts.map((a): [string, InventoryAccount] => [
        a.account_id,
        { accountId: a.account_id, name: a.name, ouId: a.ou_id, ouPath: a.ou_path },
      ]),
    ),
    ous: new Map(
      ous.map((o): [string, InventoryOu] => [
        o.ou_id,
        { ouId: o.ou_id, name: o.name, path: o.path, parentId: o.parent_id },
      ]),
    ),
  };
}

/**
 * The accounts in any of `ouIds` or their descendants (present accounts in present OUs; an
 * account's OU is its current one). The same rule as {@link accountsUnderOus}, in SQL.
 */
export async function accountsInOus(
  manager: EntityManager,
  tenantId: TenantId,
  ouIds: readonly string[],
): Promise<string[]> {
  const rows = await manager.query<{ account_id: string }[]>(
    `WITH RECURSIVE tree AS (
       SELECT ou_id FROM public.organizational_units
        WHERE tenant_id = $1 AND removed_at IS NULL AND ou_id = ANY ($2::text[])
       UNION
       SELECT o.ou_id FROM public.organizational_units o
         JOIN tree t ON o.parent_id = t.ou_id
        WHERE o.tenant_id = $1 AND o.removed_at IS NULL
     )
     SELECT DISTINCT account_id FROM public.accounts
      WHERE tenant_id = $1 AND removed_at IS NULL AND ou_id IN (SELECT ou_id FROM tree)
      ORDER BY account_id`,
    [tenantId, [...ouIds]],
  );
  return rows.map((r) => r.account_id);
}

/** The accounts of `inventory` in any of `ouIds` or their descendants. */
export function accountsUnderOus(inventory: Inventory, ouIds: readonly string[]): Set<string> {
  const wanted = new Set(ouIds);
  const under = new Set<string>();
  for (const account of inventory.accounts.values()) {
    const seen = new Set<string>();
    let ou = account.ouId === null ? undefined : inventory.ous.get(account.ouId);
    while (ou && !seen.has(ou.ouId)) {
      if (wanted.has(ou.ouId)) {
        under.add(account.accountId);
        break;
      }
      seen.add(ou.ouId);
      ou = ou.parentId === null ? undefined : inventory.ous.get(ou.parentId);
    }
  }
  return under;
}
