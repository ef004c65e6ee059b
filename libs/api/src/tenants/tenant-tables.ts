/** One table holding a tenant's rows, as the export and the deletion of a tenant walk it. */
export interface TenantTable {
  readonly name: string;
  /** The column holding the tenant id (`id` for `tenants` itself). */
  readonly tenantColumn: 'tenant_id' | 'id';
  /** Columns never exported (secrets and their hashes). */
  readonly omit: readonly string[];
}

const table = (name: string, omit: readonly string[] = []): TenantTable => ({
  name,
  tenantColumn: 'tenant_id',
  omit,
});

/**
 * Every table with a tenant's rows, parents before children: the order of the export (a reader
 * can re-create rows as they come) and, reversed, of the deletion (children before parents).
 * A table added with a `tenant_id` column must be listed here or in {@link NOT_TENANT_DATA}
 * (tenant-tables.int-spec.ts compares both lists with the database and checks the order against
 * the foreign keys).
 */
export const TENANT_TABLES: readonly TenantTable[] = [
  { name: 'tenants', tenantColumn: 'id', omit: [] },
  table('tenant_settings'),
  table('api_keys', ['secret_sha256']),
  table('sources'),
  table('organizational_units'),
  table('accounts'),
  table('schedules'),
  table('scans'),
  table('scan_jobs'),
  table('scan_job_scopes'),
  table('scan_job_batches'),
  table('inspector_watermarks'),
  table('suppression_rules'),
  table('findings'),
  table('finding_history'),
  table('posture_snapshots'),
  table('webhooks', ['secret_ciphertext']),
  table('webhook_deliveries'),
  table('audit_log'),
];

/**
 * Tables with a `tenant_id` column that are not the tenant's data, with why:
 * - `outbox`: messages in transit to Kafka, pruned by the relay once published; the service
 *   role may not delete from it (only the relay's SECURITY DEFINER functions do).
 */
export const NOT_TENANT_DATA: readonly string[] = ['outbox'];

/** The tables a tenant deletion empties, children first (`tenants` keeps its tombstone row). */
export const DELETION_ORDER: readonly TenantTable[] = TENANT_TABLES.filter(
  (t) => t.name !== 'tenants',
).reverse();
