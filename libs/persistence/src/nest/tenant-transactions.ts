import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type ExclusiveResult, runExclusive } from '../locking/advisory-lock';
import {
  type TenantGroupResult,
  type TenantGroupWork,
  type TenantWork,
  withTenant,
  withTenantGroups,
} from '../tenancy/tenant-transaction';

/** The transaction helpers bound to the module's DataSource, for injection into services. */
@Injectable()
export class TenantTransactions {
  constructor(private readonly dataSource: DataSource) {}

  withTenant<T>(tenantId: string, fn: TenantWork<T>): Promise<T> {
    return withTenant(this.dataSource, tenantId, fn);
  }

  withTenantGroups<I, R>(
    items: readonly I[],
    tenantOf: (item: I) => string,
    fn: TenantGroupWork<I, R>,
  ): Promise<TenantGroupResult<I, R>[]> {
    return withTenantGroups(this.dataSource, items, tenantOf, fn);
  }

  runExclusive<T>(
    lockName: string,
    fn: (manager: EntityManager) => Promise<T>,
  ): Promise<ExclusiveResult<T>> {
    return runExclusive(this.dataSource, lockName, fn);
  }
}
