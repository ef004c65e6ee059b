// Integration-test support for the discovery tables (excluded from the build: `**/test/**`).
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { openTestDataSources, type TestDataSources } from '../../testing/test-data-sources';
import { parseTenantId, type TenantId } from '../../tenancy/tenant-id';
import { withTenant } from '../../tenancy/tenant-transaction';
import { TenantEntity } from '../../tenancy/tenant.entity';
import { type DiscoveryWork, withDiscoveryRepositories } from '../discovery-repositories';
import { type SourceDefinitionInput } from '../source-config';
import { type SourceEntity } from '../source.entity';

export interface DiscoveryTestContext extends TestDataSources {
  /** A unit of work on `service`. */
  run<T>(tenantId: TenantId, work: DiscoveryWork<T>): Promise<T>;
}

export async function openDiscoveryTestContext(poolSize = 4): Promise<DiscoveryTestContext> {
  const sources = await openTestDataSources(poolSize);
  return {
    ...sources,
    run: (tenantId, work) => withDiscoveryRepositories(sources.service, tenantId, work),
  };
}

/** Onboards a tenant the way the operator code does: its id, inserted under that tenant. */
export async function createTenant(
  service: DataSource,
  slug = `t-${randomUUID().slice(0, 8)}`,
): Promise<TenantId> {
  const id = parseTenantId(randomUUID());
  await withTenant(service, id, (manager) =>
    manager.insert(TenantEntity, { id, slug, name: slug }),
  );
  return id;
}

export const ORGANIZATION_SOURCE: SourceDefinitionInput = {
  name: 'Organization',
  kind: 'organization',
  config: {
    managementRoleArn: 'arn:aws:iam::111111111111:role/PalisadeManagement',
    memberRoleName: 'PalisadeScan',
  },
};

export function createSource(
  context: DiscoveryTestContext,
  tenantId: TenantId,
  definition: SourceDefinitionInput = ORGANIZATION_SOURCE,
): Promise<SourceEntity> {
  return context.run(tenantId, ({ sources }) => sources.create(tenantId, definition));
}

/** Resolves once `count` sessions of the test database wait on a lock (seen by the owner). */
export async function waitForLockWaiters(
  context: DiscoveryTestContext,
  count: number,
): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const rows = await context.owner.query<{ n: number }[]>(
      // Not filtered on pg_locks.database: a row-lock wait is on a transaction id, which has none.
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE NOT granted
          AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`,
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`expected ${count} session(s) waiting on a lock`);
}
