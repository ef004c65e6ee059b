import { type EntityManager } from 'typeorm';
import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { parseTenantId, type TenantId } from '../tenancy/tenant-id';
import { setTenant } from '../tenancy/tenant-transaction';

/**
 * Proof that a transaction has its tenant set: the only thing the repositories of this folder
 * are constructed from. It is made only by {@link TenantScope.open}, which sets the tenant on a
 * transaction-bound manager (`NOT_IN_TRANSACTION` otherwise), so a repository cannot exist
 * outside a tenant transaction. Every repository method also takes the `TenantId` it works for
 * and goes through {@link TenantScope.managerFor}, which refuses any other tenant.
 */
export class TenantScope {
  private constructor(
    readonly tenantId: TenantId,
    private readonly manager: EntityManager,
  ) {}

  /** Sets `tenantId` for the rest of `manager`'s transaction and returns its scope. */
  static async open(manager: EntityManager, tenantId: TenantId): Promise<TenantScope> {
    const tenant = parseTenantId(tenantId);
    await setTenant(manager, tenant);
    return new TenantScope(tenant, manager);
  }

  /** The transaction's manager, for work on `tenantId` — which must be this scope's tenant. */
  managerFor(tenantId: TenantId): EntityManager {
    if (tenantId !== this.tenantId) {
      throw new PersistenceError(
        PersistenceErrorCode.INVALID_ARGUMENT,
        `tenant mismatch: this transaction is scoped to tenant ${this.tenantId}, the call names ${String(tenantId)}`,
      );
    }
    return this.manager;
  }
}
