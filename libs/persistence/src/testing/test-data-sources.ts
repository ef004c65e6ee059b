import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/data-source-options';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A migrated test database with a connection as each role an integration test needs. */
export interface TestDataSources {
  db: TestDatabase;
  /** As the service role (RLS applies): what the code under test uses. */
  service: DataSource;
  /** As the owner (sees every tenant): for set-up and assertions only. */
  owner: DataSource;
  /** Closes both connections and drops the database. */
  close(): Promise<void>;
}

export async function openTestDataSources(servicePoolSize = 2): Promise<TestDataSources> {
  const db = await createTestDatabase();
  const service = await createDataSource({
    url: db.serviceUrl,
    role: 'service',
    poolSize: servicePoolSize,
  }).initialize();
  const owner = await createDataSource({
    url: db.ownerUrl,
    role: 'owner',
    poolSize: 2,
  }).initialize();
  return {
    db,
    service,
    owner,
    close: async () => {
      await service.destroy();
      await owner.destroy();
      await db.drop();
    },
  };
}
