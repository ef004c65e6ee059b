// libs/persistence: TypeORM data source, migrations, tenancy (RLS) helpers and the locking
// primitive for periodic work. See docs/architecture.md "Tenancy" and "Delivery semantics".
export { PersistenceError, PersistenceErrorCode } from './errors/persistence-error';

export {
  createDataSource,
  createDataSourceOptions,
  MIGRATIONS_TABLE,
  type DatabaseRole,
  type DataSourceFactoryOptions,
} from './data-source/data-source-options';
export {
  listPendingMigrations,
  runMigrations,
  schemaDrift,
  type RunMigrationsOptions,
} from './data-source/migration-runner';
export { MIGRATIONS } from './migrations';
export { PERSISTENCE_ENTITIES } from './entities';

export { APP_ROLE, APP_SCHEMA, OPERATOR_ROLE } from './roles/database-roles';
export { assertServiceRole } from './roles/service-role-check';

export { isTenantId, parseTenantId, type TenantId } from './tenancy/tenant-id';
export {
  CURRENT_TENANT_SQL,
  disableTenantRls,
  enableTenantRls,
  OPERATOR_POLICY,
  TENANT_POLICY,
  TENANT_SETTING,
  type TenantRlsOptions,
} from './tenancy/tenant-rls';
export {
  setTenant,
  withTenant,
  withTenantGroups,
  type TenantGroupResult,
  type TenantGroupWork,
  type TenantWork,
} from './tenancy/tenant-transaction';
export { groupByTenant, type TenantGroup } from './tenancy/tenant-groups';
export { TENANT_STATUSES, TenantEntity, type TenantStatus } from './tenancy/tenant.entity';
export { listAllTenants, type TenantSummary } from './tenancy/tenant-directory';

export { OutboxEntity } from './outbox/outbox.entity';
export {
  claimOutboxBatch,
  enqueueOutbox,
  markOutboxPublished,
  pruneOutbox,
  type OutboxMessage,
  type OutboxRecord,
} from './outbox/outbox-store';

export { advisoryLockKey, runExclusive, type ExclusiveResult } from './locking/advisory-lock';
export {
  nextDelayMs,
  PeriodicTask,
  type ExclusiveRunner,
  type PeriodicTaskOptions,
} from './locking/periodic-task';
export { PeriodicTaskScheduler } from './locking/periodic-task.scheduler';

export { DatabaseReadiness } from './nest/database-readiness';
export {
  PersistenceModule,
  type PersistenceModuleAsyncOptions,
  type PersistenceModuleOptions,
} from './nest/persistence.module';
export {
  persistenceOptionsFromConfig,
  type PersistenceConfigSource,
} from './nest/persistence-config';
export { TenantTransactions } from './nest/tenant-transactions';

// The discovery tables, their tenant-scoped repositories and unit of work (see discovery/index.ts).
export * from './discovery';

// The normaliser's tables (suppression rules; see findings/index.ts).
export * from './findings';

// Test support (integration tests of every lib): a migrated database per spec on the real Postgres.
export {
  createTestDatabase,
  TEST_OWNER_ROLE,
  type TestDatabase,
  type TestDatabaseOptions,
  type TestDatabaseServer,
} from './testing/test-database';
export { openTestDataSources, type TestDataSources } from './testing/test-data-sources';
export { isTransientDatabaseError } from './errors/transient-database-error';
