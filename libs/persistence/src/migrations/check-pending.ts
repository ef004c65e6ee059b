import { ConfigError, type Env, envWith, loadConfig, migrateConfigSchema } from '@palisade/config';
import { createDataSource } from '../data-source/data-source-options';
import { listPendingMigrations, schemaDrift } from '../data-source/migration-runner';

export interface MigrationCheck {
  pending: string[];
  drift: string[];
}

/** Pending migrations, and the SQL that would make the schema match the entities. */
export async function checkMigrations(url: string): Promise<MigrationCheck> {
  const dataSource = createDataSource({
    url,
    role: 'owner',
    applicationName: 'palisade-check-pending',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    return {
      pending: await listPendingMigrations(dataSource),
      drift: await schemaDrift(dataSource),
    };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * CI gate: exit 1 when a migration is pending or the entities differ from the migrated schema
 * (a missing migration). Usage: `check-pending.ts [<owner-database-url>]`; without an argument
 * the URL is DATABASE_MIGRATIONS_URL.
 */
export async function main(argv: readonly string[], env?: Env): Promise<number> {
  const config = loadConfig(
    migrateConfigSchema,
    envWith(argv[0] ? { DATABASE_MIGRATIONS_URL: argv[0] } : {}, env),
  );
  const { pending, drift } = await checkMigrations(config.migrations.url);
  for (const name of pending) console.error(`pending migration: ${name}`);
  for (const sql of drift)
    console.error(`entities differ from the schema; a migration would need: ${sql}`);
  if (pending.length === 0 && drift.length === 0)
    console.log('migrations: none pending, schema matches the entities');
  return pending.length === 0 && drift.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = error instanceof ConfigError ? 2 : 1;
    },
  );
}
