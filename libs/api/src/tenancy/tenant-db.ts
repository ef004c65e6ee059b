import { Injectable } from '@nestjs/common';
import { type TenantId, TenantScope } from '@palisade/persistence';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * One transaction scoped to one tenant (RLS `app.tenant_id` set, so Postgres itself refuses
 * other tenants' rows) with the scope the tenant-scoped repositories are built from.
 */
@Injectable()
export class TenantDb {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(
    tenantId: TenantId,
    fn: (manager: EntityManager, scope: TenantScope) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) =>
      fn(manager, await TenantScope.open(manager, tenantId)),
    );
  }
}
