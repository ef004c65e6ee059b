import { createDataSource, runMigrations } from '@palisade/persistence';
import { Client } from 'pg';
import { DATABASE, OWNER_ROLE, SUPERUSER } from './server-settings';

/**
 * As the superuser over the private socket, idempotently: removes the superuser's password
 * (initdb set one, from a temporary file: with none, it cannot log in over TCP at all),
 * creates the owner role and the database it owns. APP_ROLE and the operator role are the
 * first migration's, as in production. Returns the server's version (`15.18`).
 */
export async function setUpDatabase(socketDir: string, port: number): Promise<string> {
  const client = new Client({
    host: socketDir,
    port,
    user: SUPERUSER,
    database: 'postgres',
    application_name: 'palisade-setup',
  });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD NULL`);
    await client.query(`
      DO $$ BEGIN
        CREATE ROLE ${OWNER_ROLE} LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS;
      EXCEPTION WHEN duplicate_object THEN NULL;
      END $$`);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${DATABASE} OWNER ${OWNER_ROLE}`);
    return version.rows[0]?.server_version.split(' ')[0] ?? 'unknown';
  } finally {
    await client.end();
  }
}

/**
 * Applies the pending migrations as the owner and sets APP_ROLE's password (a SCRAM verifier
 * computed client-side), exactly as the production migration Job does. Returns their names.
 */
export async function migrate(ownerUrl: string, appRolePassword: string): Promise<string[]> {
  const dataSource = createDataSource({
    url: ownerUrl,
    role: 'owner',
    applicationName: 'palisade-migrations',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource, { appRolePassword });
  } finally {
    await dataSource.destroy();
  }
}
