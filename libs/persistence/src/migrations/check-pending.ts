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
 * (a missing migration). Usage: `check-pending.ts <database-url>` (or DATABASE_URL).
 */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const url = argv[0] ?? env['DATABASE_URL'];
  if (!url) {
    console.error('usage: check-pending <database-url>   (or set DATABASE_URL)');
    return 2;
  }
  const { pending, drift } = await checkMigrations(url);
  for (const name of pending) console.error(`pending migration: ${name}`);
  for (const sql of drift)
    console.error(`entities differ from the schema; a migration would need: ${sql}`);
  if (pending.length === 0 && drift.length === 0)
    console.log('migrations: none pending, schema matches the entities');
  return pending.length === 0 && drift.length === 0 ? 0 : 1;
}

if (require.main === module) {
  // eslint-disable-next-line no-restricted-syntax -- a CLI entry point: argv first, DATABASE_URL as the fallback
  main(process.argv.slice(2), process.env).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
