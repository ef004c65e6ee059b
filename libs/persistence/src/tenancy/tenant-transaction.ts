import { type DataSource, type EntityManager } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { groupByTenant } from './tenant-groups';
import { parseTenantId, type TenantId } from './tenant-id';
import { TENANT_SETTING } from './tenant-rls';

export type TenantWork<T> = (manager: EntityManager, tenantId: TenantId) => Promise<T>;
export type TenantGroupWork<I, R> = (
  manager: EntityManager,
  tenantId: TenantId,
  items: I[],
) => Promise<R>;

export interface TenantGroupResult<I, R> {
  tenantId: TenantId;
  items: I[];
  result: R;
}

/**
 * Sets the tenant for the rest of the manager's transaction (`set_config(…, true)`, i.e.
 * `SET LOCAL`): it ends with the transaction, so a pooled connection never carries it over.
 * Throws `NOT_IN_TRANSACTION` outside a transaction, where it would silently do nothing.
 */
export async function setTenant(manager: EntityManager, tenantId: TenantId): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new PersistenceError(
      PersistenceErrorCode.NOT_IN_TRANSACTION,
      'setTenant needs a transaction-bound EntityManager',
    );
  }
  await manager.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, parseTenantId(tenantId)]);
}

/** Runs `fn` in one transaction scoped to one tenant; rolls back if it throws. */
export async function withTenant<T>(
  dataSource: DataSource,
  tenantId: string,
  fn: TenantWork<T>,
): Promise<T> {
  const tenant = parseTenantId(tenantId);
  return dataSource.transaction(async (manager) => {
    await setTenant(manager, tenant);
    return fn(manager, tenant);
  });
}

/**
 * For a consumed batch that spans tenants: ONE transaction; the items are grouped by tenant
 * (order of first appearance) and each group's work runs after the tenant is set to that
 * group's. Any failure rolls back every group. All tenant ids are validated before it begins.
 */
export async function withTenantGroups<I, R>(
  dataSource: DataSource,
  items: readonly I[],
  tenantOf: (item: I) => string,
  fn: TenantGroupWork<I, R>,
): Promise<TenantGroupResult<I, R>[]> {
  const groups = groupByTenant(items, tenantOf);
  if (groups.length === 0) return [];
  return dataSource.transaction(async (manager) => {
    const results: TenantGroupResult<I, R>[] = [];
    for (const group of groups) {
      await setTenant(manager, group.tenantId);
      results.push({ ...group, result: await fn(manager, group.tenantId, group.items) });
    }
    return results;
  });
}
