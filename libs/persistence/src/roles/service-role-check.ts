import { type DataSource } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { APP_SCHEMA, OPERATOR_ROLE } from './database-roles';

interface RoleFacts {
  role: string;
  superuser: boolean;
  bypassrls: boolean;
  operator: boolean;
  owns_tables: boolean;
}

/**
 * Fails unless the connected role is subject to row-level security: not superuser, no
 * BYPASSRLS, not a member of the operator role, owning no table. A service connected as the
 * owner would silently see every tenant; this turns that misconfiguration into a boot failure.
 */
export async function assertServiceRole(dataSource: DataSource): Promise<void> {
  const rows: RoleFacts[] = await dataSource.query(
    `SELECT r.rolname AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
            coalesce(pg_has_role(r.oid, o.oid, 'USAGE'), false) AS operator,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = $2 AND c.relkind IN ('r', 'p')
                       AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS owns_tables
       FROM pg_roles r LEFT JOIN pg_roles o ON o.rolname = $1
      WHERE r.rolname = current_user`,
    [OPERATOR_ROLE, APP_SCHEMA],
  );
  const facts = rows[0];
  const reasons = !facts
    ? ['role not found']
    : [
        facts.superuser && 'is superuser',
        facts.bypassrls && 'has BYPASSRLS',
        facts.operator && `is a member of ${OPERATOR_ROLE}`,
        facts.owns_tables && `owns tables in schema ${APP_SCHEMA}`,
      ].filter((reason): reason is string => typeof reason === 'string');
  if (reasons.length > 0) {
    throw new PersistenceError(
      PersistenceErrorCode.UNSAFE_DATABASE_ROLE,
      `database role ${facts?.role ?? '?'} would bypass row-level security: ${reasons.join(', ')}`,
    );
  }
}
