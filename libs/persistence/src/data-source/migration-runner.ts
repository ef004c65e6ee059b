import { type DataSource, MigrationExecutor } from 'typeorm';
import { advisoryLockKey } from '../locking/advisory-lock';
import { APP_ROLE } from '../roles/database-roles';
import { setRolePassword } from '../roles/role-password';

export interface RunMigrationsOptions {
  /** When given, (re)sets APP_ROLE's password — as a SCRAM verifier, after the migrations. */
  appRolePassword?: string;
}

/**
 * Applies every pending migration (each in its own transaction) on an owner DataSource and
 * returns their names. Concurrent runs (two migration Jobs) are serialised by a session
 * advisory lock, so the second one finds nothing pending.
 */
export async function runMigrations(
  dataSource: DataSource,
  options: RunMigrationsOptions = {},
): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  const key = advisoryLockKey('migrations').toString();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1::bigint)', [key]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (options.appRolePassword !== undefined) {
        await setRolePassword(lock.manager, APP_ROLE, options.appRolePassword);
      }
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    }
  } finally {
    await lock.release();
  }
}

/** Names of the migrations not yet applied. */
export async function listPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

/** The SQL TypeORM would run to make the schema match the entities; empty when they agree. */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
