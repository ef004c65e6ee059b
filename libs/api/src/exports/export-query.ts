import { type TenantId } from '@palisade/persistence';
import { type ExportFilter } from './exports.dto';

export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * The SELECT of an export: the tenant's findings matching `filter` (every given filter must
 * match; a list matches any of its values), in uid order (the primary key's), with `columns`.
 * Values are parameters, typed as their columns (`character(12)[]` for accounts) so the
 * indexes are usable.
 */
export function exportStatement(
  tenantId: TenantId,
  filter: ExportFilter,
  columns: string,
): Statement {
  const params: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  const add = (sql: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.status) add((p) => `status = ANY(${p}::text[])`, filter.status);
  if (filter.severity) add((p) => `severity = ANY(${p}::text[])`, filter.severity);
  if (filter.accountId) add((p) => `account_id = ANY(${p}::character(12)[])`, filter.accountId);
  if (filter.region) add((p) => `region = ANY(${p}::text[])`, filter.region);
  if (filter.checkId) add((p) => `check_id = ANY(${p}::text[])`, filter.checkId);
  if (filter.kind) add((p) => `kind = ${p}::text`, filter.kind);
  if (filter.suppressed === true) where.push('(suppressed_by IS NOT NULL OR source_suppressed)');
  if (filter.suppressed === false) where.push('(suppressed_by IS NULL AND NOT source_suppressed)');
  return {
    sql: `SELECT ${columns} FROM public.findings WHERE ${where.join(' AND ')} ORDER BY uid`,
    params,
  };
}
