import { type EntityManager } from 'typeorm';
import { parseTenantId, type TenantId } from './tenant-id';
import { type TenantStatus } from './tenant.entity';

export interface TenantSummary {
  id: TenantId;
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: Date;
  updatedAt: Date;
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  created_at: Date;
  updated_at: Date;
}

/**
 * Every tenant, whatever tenant (if any) is set: the operator bypass, through the SECURITY
 * DEFINER function `palisade_list_tenants()`. For operator endpoints and for periodic work that
 * iterates over tenants — never for serving a tenant's own request.
 */
export async function listAllTenants(manager: EntityManager): Promise<TenantSummary[]> {
  const rows: TenantRow[] = await manager.query(
    'SELECT id, slug, name, status, created_at, updated_at FROM public.palisade_list_tenants()',
  );
  return rows.map((row) => ({
    id: parseTenantId(row.id),
    slug: row.slug,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}
