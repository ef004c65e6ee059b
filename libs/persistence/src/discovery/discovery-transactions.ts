import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { type DiscoveryWork, withDiscoveryRepositories } from './discovery-repositories';

/**
 * `withDiscoveryRepositories` bound to the module's DataSource, for injection:
 * `transactions.run(tenantId, ({ scans, scanJobs }) => …)`. List it in a module's providers
 * (the DataSource comes from the global PersistenceModule).
 */
@Injectable()
export class DiscoveryTransactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(tenantId: TenantId, work: DiscoveryWork<T>): Promise<T> {
    return withDiscoveryRepositories(this.dataSource, tenantId, work);
  }
}
