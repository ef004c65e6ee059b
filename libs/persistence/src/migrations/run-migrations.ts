import { ConfigError, type Env, envWith, loadConfig, migrateConfigSchema } from '@palisade/config';
import { createDataSource } from '../data-source/data-source-options';
import { runMigrations } from '../data-source/migration-runner';

/**
 * Applies every pending migration as the owner (the helm migration Job, `npm run` locally).
 * Usage: `run-migrations.ts [<owner-database-url>]`; without an argument the URL is
 * DATABASE_MIGRATIONS_URL. APP_ROLE's password, if one must be set, comes from
 * PALISADE_APP_ROLE_PASSWORD (never argv: it would show in `ps`).
 */
export async function main(argv: readonly string[], env?: Env): Promise<number> {
  const config = loadConfig(
    migrateConfigSchema,
    envWith(argv[0] ? { DATABASE_MIGRATIONS_URL: argv[0] } : {}, env),
  );
  const dataSource = createDataSource({
    url: config.migrations.url,
    role: 'owner',
    applicationName: 'palisade-migrations',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource, {
      appRolePassword: config.migrations.appRolePassword,
    });
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'migrations: none pending');
    return 0;
  } finally {
    await dataSource.destroy();
  }
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
