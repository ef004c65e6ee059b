import { parseTenantId, type TenantId } from './tenant-id';

export interface TenantGroup<I> {
  tenantId: TenantId;
  items: I[];
}

/**
 * Splits a batch by tenant, keeping the order of first appearance and the items' order within
 * each group. Every tenant id is validated before anything runs (throws `INVALID_TENANT_ID`).
 */
export function groupByTenant<I>(
  items: readonly I[],
  tenantOf: (item: I) => string,
): TenantGroup<I>[] {
  const groups = new Map<TenantId, I[]>();
  for (const item of items) {
    const tenantId = parseTenantId(tenantOf(item));
    const group = groups.get(tenantId);
    if (group) group.push(item);
    else groups.set(tenantId, [item]);
  }
  return [...groups].map(([tenantId, grouped]) => ({ tenantId, items: grouped }));
}
