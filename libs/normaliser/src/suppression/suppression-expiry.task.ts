import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConfig, type NormaliserTuning } from '@palisade/config';
import {
  type ExclusiveResult,
  listAllTenants,
  PeriodicTaskScheduler,
  TenantTransactions,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { applySuppression } from './apply-suppression';

/** What the task reads of the normaliser's config. */
export interface SuppressionExpiryConfig {
  readonly normaliser: Pick<NormaliserTuning, 'housekeepingIntervalMs'>;
}

/** The periodic task's name, which is also its advisory lock. */
export const SUPPRESSION_EXPIRY_TASK = 'normaliser-suppression-expiry';

/**
 * Expiry of suppressions: every `housekeepingIntervalMs`, once across replicas (advisory lock),
 * re-applies the rules to the findings suppressed by a rule that is no longer active — expired,
 * or deleted (`suppressed_by` has no foreign key: a deleted rule's id stays behind until the
 * `rules.changed` consumer or this sweep replaces it). One transaction per tenant; a tenant that
 * fails is logged and retried on the next sweep.
 */
@Injectable()
export class SuppressionExpiryTask implements OnModuleInit {
  private readonly logger = new Logger(SuppressionExpiryTask.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly scheduler: PeriodicTaskScheduler,
    @InjectConfig() private readonly config: SuppressionExpiryConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.schedule({
      name: SUPPRESSION_EXPIRY_TASK,
      intervalMs: this.config.normaliser.housekeepingIntervalMs,
      run: async (manager) => {
        await this.sweep(manager);
      },
    });
  }

  /** One sweep now, unless another replica is running one (`{ ran: false }`). */
  runOnce(): Promise<ExclusiveResult<number>> {
    return this.transactions.runExclusive(SUPPRESSION_EXPIRY_TASK, (manager) =>
      this.sweep(manager),
    );
  }

  /** Sweeps every tenant; `manager` lists the tenants (any transaction). Returns the changes made. */
  async sweep(manager: EntityManager): Promise<number> {
    let total = 0;
    for (const tenant of await listAllTenants(manager)) {
      try {
        const changed = await this.transactions.withTenant(tenant.id, async (m, tenantId) => {
          const changes = await applySuppression(m, tenantId, 'stale');
          return changes.length;
        });
        if (changed > 0) {
          this.logger.log(
            { tenantId: tenant.id, changed },
            'expired or deleted suppressions lifted',
          );
        }
        total += changed;
      } catch (error) {
        this.logger.error(
          { tenantId: tenant.id, err: error },
          'suppression expiry failed for the tenant; retried next sweep',
        );
      }
    }
    return total;
  }
}
