import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConfig, type NormaliserTuning } from '@palisade/config';
import { listAllTenants, PeriodicTaskScheduler, TenantTransactions } from '@palisade/persistence';
import { DataSource } from 'typeorm';
import { type ClosedScan, refreshScan } from './scan-state';
import { failStaleJobs } from './stale-jobs';

/** What the task reads of the normaliser's config (an interval of 0 turns it off, for tests). */
export interface StaleJobsTaskConfig {
  readonly normaliser: Pick<NormaliserTuning, 'jobTimeoutMs' | 'housekeepingIntervalMs'>;
}

/** What one sweep did. */
export interface StaleJobsSweep {
  readonly timedOut: number;
  readonly closed: readonly ClosedScan[];
}

/**
 * The stale-job timeout: every `housekeepingIntervalMs`, once across replicas, fails the jobs
 * silent for longer than `jobTimeoutMs` (`JOB_TIMEOUT`) and closes the scans this completes.
 * One transaction per tenant; a tenant that fails is logged and retried on the next sweep.
 */
@Injectable()
export class StaleJobsTask implements OnModuleInit {
  private readonly logger = new Logger(StaleJobsTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    private readonly scheduler: PeriodicTaskScheduler,
    @InjectConfig() private readonly config: StaleJobsTaskConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.normaliser.housekeepingIntervalMs > 0) {
      this.scheduler.schedule({
        name: 'normaliser-stale-jobs',
        intervalMs: this.config.normaliser.housekeepingIntervalMs,
        run: async () => {
          await this.sweep(new Date());
        },
      });
    }
  }

  async sweep(now: Date): Promise<StaleJobsSweep> {
    let timedOut = 0;
    const closed: ClosedScan[] = [];
    for (const tenant of await listAllTenants(this.dataSource.manager)) {
      try {
        const result = await this.transactions.withTenant(tenant.id, async (manager, tenantId) => {
          const jobs = await failStaleJobs(
            manager,
            tenantId,
            now,
            this.config.normaliser.jobTimeoutMs,
          );
          const scans: ClosedScan[] = [];
          // Scan rows locked in a fixed order, after the job rows (the event path's order).
          for (const scanId of [...new Set(jobs.map((j) => j.scanId))].sort()) {
            const scan = await refreshScan(manager, tenantId, scanId, now);
            if (scan !== null) scans.push(scan);
          }
          return { jobs: jobs.length, scans };
        });
        timedOut += result.jobs;
        closed.push(...result.scans);
        if (result.jobs > 0) {
          this.logger.warn(
            { tenantId: tenant.id, timedOut: result.jobs, closed: result.scans.length },
            'silent jobs failed with JOB_TIMEOUT',
          );
        }
      } catch (error) {
        this.logger.error({ tenantId: tenant.id, err: error }, 'stale job sweep failed');
      }
    }
    return { timedOut, closed };
  }
}
