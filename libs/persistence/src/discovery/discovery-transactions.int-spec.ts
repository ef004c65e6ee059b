import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { PersistenceModule } from '../nest/persistence.module';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { DiscoveryTransactions } from './discovery-transactions';
import { createTenant } from './test/discovery-fixtures';

describe('DiscoveryTransactions', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("should run the unit of work in the tenant's transaction on the module's DataSource", async () => {
    const app = await (
      await Test.createTestingModule({
        imports: [
          PersistenceModule.forRoot({
            url: db.serviceUrl,
            applicationName: 'palisade-test',
            poolSize: 2,
          }),
        ],
        providers: [DiscoveryTransactions],
      }).compile()
    ).init();
    try {
      const tenant = await createTenant(app.get(DataSource));
      const seen = await app.get(DiscoveryTransactions).run(tenant, async (repos) => {
        const settings = await repos.tenantSettings.ensure(tenant);
        const [row] = await repos.manager.query<{ current: string }[]>(
          `SELECT current_setting('app.tenant_id') AS current`,
        );
        return {
          tenantId: repos.tenantId,
          settingsTenant: settings.tenantId,
          current: row?.current,
        };
      });
      expect(seen).toEqual({ tenantId: tenant, settingsTenant: tenant, current: tenant });
    } finally {
      await app.close();
    }
  });
});
