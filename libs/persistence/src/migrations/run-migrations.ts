import { createDataSource } from '../data-source/data-source-options';
import { runMigrations } from '../data-source/migration-runner';

/**
 * Applies every pending migration as the owner (the helm migration Job, `npm run` locally).
 * Usage: `run-migrations.ts <owner-database-url>` (or DATABASE_URL); APP_ROLE's password, if
 * one must be set, from PALISADE_APP_ROLE_PASSWORD (never argv: it would show in `ps`).
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const url = argv[0] ?? env['DATABASE_URL'];
  if (!url) {
    console.error('usage: run-migrations <owner-database-url>   (or set DATABASE_URL)');
    return 2;
  }
  const appRolePassword = env['PALISADE_APP_ROLE_PASSWORD'] || undefined;
  const dataSource = createDataSource({
    url,
    role: 'owner',
    applicationName: 'palisade-migrations',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource, { appRolePassword });
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'migrations: none pending');
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  // eslint-disable-next-line no-restricted-syntax -- a CLI entry point: argv first, env as the fallback
  main(process.argv.slice(2), process.env).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
