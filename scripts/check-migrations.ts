// CI gate (`npm run migration:check`, part of `npm test`): on a fresh, empty database of the real
// Postgres, apply every migration as the owner, then fail when a migration is still pending or the
// entities differ from the migrated schema (a change that forgot its migration).
import {
  createDataSource,
  createTestDatabase,
  listPendingMigrations,
  runMigrations,
  schemaDrift,
} from '@palisade/persistence';

async function main(): Promise<number> {
  const database = await createTestDatabase({ migrate: false });
  const dataSource = createDataSource({
    url: database.ownerUrl,
    role: 'owner',
    applicationName: 'palisade-migration-check',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(`migrations applied on an empty database: ${applied.length}`);
    const pending = await listPendingMigrations(dataSource);
    const drift = await schemaDrift(dataSource);
    for (const name of pending) console.error(`pending migration: ${name}`);
    for (const sql of drift)
      console.error(`entities differ from the schema; a migration would need: ${sql}`);
    if (pending.length || drift.length) return 1;
    console.log('migrations: none pending, schema matches the entities');
    return 0;
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
