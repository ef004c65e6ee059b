import { type DataSource, type EntityManager } from 'typeorm';
import { type TenantId } from '../tenancy/tenant-id';
import { withTenant } from '../tenancy/tenant-transaction';
import { AccountsRepository } from './accounts.repository';
import { InspectorWatermarksRepository } from './inspector-watermarks.repository';
import { OrganizationalUnitsRepository } from './organizational-units.repository';
import { ScanJobsRepository } from './scan-jobs.repository';
import { ScansRepository } from './scans.repository';
import { SchedulesRepository } from './schedules.repository';
import { SourcesRepository } from './sources.repository';
import { TenantScope } from './tenant-scope';
import { TenantSettingsRepository } from './tenant-settings.repository';

/**
 * The unit of work of the discovery tables: every repository bound to ONE transaction whose
 * tenant is set. Obtained only through {@link withDiscoveryRepositories} (or
 * {@link openDiscoveryRepositories} inside a transaction you already hold), so there is no way
 * to run a repository query without a tenant; each method also takes the `TenantId` and refuses
 * any other than the transaction's.
 */
export interface DiscoveryRepositories {
  readonly tenantId: TenantId;
  /**
   * The same transaction, for work that must commit with the repositories' writes — typically
   * `enqueueOutbox(manager, tenantId, …)`. RLS applies to it like to the repositories.
   */
  readonly manager: EntityManager;
  readonly tenantSettings: TenantSettingsRepository;
  readonly sources: SourcesRepository;
  readonly organizationalUnits: OrganizationalUnitsRepository;
  readonly accounts: AccountsRepository;
  readonly schedules: SchedulesRepository;
  readonly scans: ScansRepository;
  readonly scanJobs: ScanJobsRepository;
  readonly inspectorWatermarks: InspectorWatermarksRepository;
}

export type DiscoveryWork<T> = (repos: DiscoveryRepositories) => Promise<T>;

/**
 * Sets `tenantId` on a transaction you hold (`withTenantGroups`, `runExclusive`, …) and returns
 * the repositories bound to it. `NOT_IN_TRANSACTION` outside a transaction. Within a batch
 * spanning tenants, open them again for each tenant group: the last tenant set wins.
 */
export async function openDiscoveryRepositories(
  manager: EntityManager,
  tenantId: TenantId,
): Promise<DiscoveryRepositories> {
  const scope = await TenantScope.open(manager, tenantId);
  return {
    tenantId: scope.tenantId,
    manager,
    tenantSettings: new TenantSettingsRepository(scope),
    sources: new SourcesRepository(scope),
    organizationalUnits: new OrganizationalUnitsRepository(scope),
    accounts: new AccountsRepository(scope),
    schedules: new SchedulesRepository(scope),
    scans: new ScansRepository(scope),
    scanJobs: new ScanJobsRepository(scope),
    inspectorWatermarks: new InspectorWatermarksRepository(scope),
  };
}

/** One transaction for `tenantId` (`withTenant`), with the repositories bound to it. */
export function withDiscoveryRepositories<T>(
  dataSource: DataSource,
  tenantId: TenantId,
  work: DiscoveryWork<T>,
): Promise<T> {
  return withTenant(dataSource, tenantId, async (manager, tenant) =>
    work(await openDiscoveryRepositories(manager, tenant)),
  );
}
