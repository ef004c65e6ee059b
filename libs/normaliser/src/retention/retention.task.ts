import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConfig, type NormaliserTuning } from '@palisade/config';
import { listAllTenants, PeriodicTaskScheduler } from '@palisade/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { pruneTenant, type RetentionCounts, type RetentionPolicy } from './prune-tenant';

/** What the task reads of the normaliser's config. */
export interface RetentionTaskConfig {
  readonly normaliser: RetentionPolicy & Pick<NormaliserTuning, 'retentionIntervalMs'>;
}

const NONE: RetentionCounts = { resolvedFindings: 0, history: 0, snapshots: 0, jobBatches: 0 };

/**
 * Retention (docs/architecture.md "Findings"): on every replica, once per retention interval
 * across them (advisory lock), prunes every tenant with `pruneTenant`, in short transactions of
 * its own, and logs what it deleted. A failing tenant is logged and retried next run.
 */
@Injectable()
export class RetentionTask implements OnModuleInit {
  private readonly logger = new Logger(RetentionTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: PeriodicTaskScheduler,
    @InjectConfig() private readonly config: RetentionTaskConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.schedule({
      name: 'normaliser-retention',
      intervalMs: this.config.normaliser.retentionIntervalMs,
      run: async (manager) => {
        await this.pruneAll(manager, new Date());
      },
    });
  }

  /** Prunes every tenant at `now`; `manager` lists the tenants (any transaction). Returns the totals. */
  async pruneAll(manager: EntityManager, now: Date): Promise<RetentionCounts> {
    let totals = NONE;
    for (const tenant of await listAllTenants(manager)) {
      try {
        const counts = await pruneTenant(this.dataSource, tenant.id, this.config.normaliser, now);
        if (Object.values(counts).some((n) => n > 0)) {
          this.logger.log({ tenantId: tenant.id, ...counts }, 'retention pruned');
        }
        totals = {
          resolvedFindings: totals.resolvedFindings + counts.resolvedFindings,
          history: totals.history + counts.history,
          snapshots: totals.snapshots + counts.snapshots,
          jobBatches: totals.jobBatches + counts.jobBatches,
        };
      } catch (error) {
        this.logger.error(
          { tenantId: tenant.id, err: error },
          'retention failed for the tenant; retried next run',
        );
      }
    }
    return totals;
  }
}
