import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type Repository } from 'typeorm';
import { PersistenceErrorCode } from '../errors/persistence-error';
import { PeriodicTaskScheduler } from '../locking/periodic-task.scheduler';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { TenantEntity } from '../tenancy/tenant.entity';
import { DatabaseReadiness } from './database-readiness';
import { PersistenceModule } from './persistence.module';
import { TenantTransactions } from './tenant-transactions';

@Injectable()
class TenantReader {
  constructor(@InjectRepository(TenantEntity) readonly tenants: Repository<TenantEntity>) {}
}

@Module({
  imports: [TypeOrmModule.forFeature([TenantEntity])],
  providers: [TenantReader],
  exports: [TenantReader],
})
class FeatureModule {}

describe('PersistenceModule', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('should provide a ready DataSource connected as the service role, the helpers and forFeature repositories', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({
          url: db.serviceUrl,
          applicationName: 'palisade-test',
          poolSize: 2,
        }),
        FeatureModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    try {
      await expect(app.get(DatabaseReadiness).ping()).resolves.toBeUndefined();
      const dataSource = app.get(DataSource);
      const [who] = await dataSource.query<{ role: string; name: string }[]>(
        'SELECT current_user AS role, application_name AS name FROM pg_stat_activity WHERE pid = pg_backend_pid()',
      );
      expect(who).toEqual({ role: 'palisade_app', name: 'palisade-test' });

      const tenantId = randomUUID();
      const count = await app.get(TenantTransactions).withTenant(tenantId, async (manager, id) => {
        await manager.insert(TenantEntity, { id, slug: 'module-test', name: 'Module test' });
        return manager.count(TenantEntity);
      });
      expect(count).toBe(1);
      expect(await app.get(TenantReader).tenants.count()).toBe(0); // no tenant set: nothing visible
    } finally {
      await app.close();
    }
  });

  it('should stop periodic tasks, waiting for the run in flight, before closing the DataSource', async () => {
    const app = await (
      await Test.createTestingModule({
        imports: [
          PersistenceModule.forRoot({ url: db.serviceUrl, applicationName: 'palisade-test' }),
        ],
      }).compile()
    ).init();
    const dataSource = app.get(DataSource);
    let started!: () => void;
    const runStarted = new Promise<void>((resolve) => (started = resolve));
    let finishedWithDatabase = false;
    const task = app.get(PeriodicTaskScheduler).schedule({
      name: 'module-destroy-test',
      intervalMs: 5,
      jitterMs: 0,
      run: async (manager) => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 200));
        await manager.query('select 1'); // the DataSource must still be open
        finishedWithDatabase = true;
      },
    });
    await runStarted;
    await app.close();
    expect(finishedWithDatabase).toBe(true);
    expect(task.running).toBe(false);
    expect(dataSource.isInitialized).toBe(false);
  });

  it('should refuse to start when given the owner, which would bypass row-level security', async () => {
    await expect(
      Test.createTestingModule({
        imports: [
          PersistenceModule.forRoot({
            url: db.ownerUrl,
            applicationName: 'palisade-test',
            retryAttempts: 0,
          }),
        ],
      }).compile(),
    ).rejects.toMatchObject({ code: PersistenceErrorCode.UNSAFE_DATABASE_ROLE });
  });
});
