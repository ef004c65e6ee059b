import { type QueryRunner } from 'typeorm';
import { OPERATOR_ROLE } from '../roles/database-roles';
import { quoteIdentifier } from '../sql/identifier';

/** The transaction-local setting that carries the current tenant (`SET LOCAL` semantics). */
export const TENANT_SETTING = 'app.tenant_id';

/** The current tenant in SQL, NULL when none is set (also after a transaction reset it to ''). */
export const CURRENT_TENANT_SQL = `nullif(current_setting('${TENANT_SETTING}', true), '')::uuid`;

export const TENANT_POLICY = 'tenant_isolation';
export const OPERATOR_POLICY = 'operator_bypass';

export interface TenantRlsOptions {
  /** The column holding the tenant id. Default `tenant_id`; `id` for the tenants table itself. */
  column?: string;
  /**
   * Rows whose tenant column is NULL (system rows) are visible and insertable only while no
   * tenant is set. Default false: such rows are never visible to the app role.
   */
  allowTenantless?: boolean;
}

/**
 * For a migration: `ENABLE` and `FORCE ROW LEVEL SECURITY` on a tenant table, a
 * `tenant_isolation` policy (USING and WITH CHECK the tenant column equals the current tenant:
 * with no tenant set a query sees nothing and inserts nothing), and an `operator_bypass`
 * policy for members of the operator role (the owner, and the SECURITY DEFINER functions it
 * defines) — see docs/architecture.md "Tenancy".
 */
export async function enableTenantRls(
  queryRunner: QueryRunner,
  table: string,
  options: TenantRlsOptions = {},
): Promise<void> {
  const target = quoteIdentifier(table);
  const column = quoteIdentifier(options.column ?? 'tenant_id');
  const match = options.allowTenantless
    ? `${column} IS NOT DISTINCT FROM ${CURRENT_TENANT_SQL}`
    : `${column} = ${CURRENT_TENANT_SQL}`;
  await queryRunner.query(`ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${target} FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY ${TENANT_POLICY} ON ${target} USING (${match}) WITH CHECK (${match})`,
  );
  await queryRunner.query(
    `CREATE POLICY ${OPERATOR_POLICY} ON ${target} TO ${quoteIdentifier(OPERATOR_ROLE)} USING (true) WITH CHECK (true)`,
  );
}

/** The `down` of {@link enableTenantRls}. */
export async function disableTenantRls(queryRunner: QueryRunner, table: string): Promise<void> {
  const target = quoteIdentifier(table);
  await queryRunner.query(`DROP POLICY IF EXISTS ${OPERATOR_POLICY} ON ${target}`);
  await queryRunner.query(`DROP POLICY IF EXISTS ${TENANT_POLICY} ON ${target}`);
  await queryRunner.query(`ALTER TABLE ${target} NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE ${target} DISABLE ROW LEVEL SECURITY`);
}
