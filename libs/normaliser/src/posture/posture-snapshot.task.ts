import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConfig, type NormaliserTuning } from '@palisade/config';
import { listAllTenants, PeriodicTaskScheduler, withTenant } from '@palisade/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { isPostureSnapshotDue, utcDay, writePostureSnapshots } from './posture-snapshots';

/** What the task reads of the normaliser's config. */
export interface PostureSnapshotTaskConfig {
  readonly normaliser: Pick<NormaliserTuning, 'housekeepingIntervalMs'>;
}

/**
 * Gives every tenant a posture point per UTC day even when nothing is scanned that day: on every
 * replica, once per housekeeping interval across them (advisory lock), each tenant whose day is
 * not complete yet (see `isPostureSnapshotDue`) gets today's snapshot of all its accounts, in
 * its own tenant transaction. Scans closing during the day rewrite their accounts' rows.
 */
@Injectable()
export class PostureSnapshotTask implements OnModuleInit {
  private readonly logger = new Logger(PostureSnapshotTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: PeriodicTaskScheduler,
    @InjectConfig() private readonly config: PostureSnapshotTaskConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.schedule({
      name: 'normaliser-posture-snapshots',
      intervalMs: this.config.normaliser.housekeepingIntervalMs,
      run: async (manager) => {
        await this.snapshotDueTenants(manager, new Date());
      },
    });
  }

  /**
   * Writes the snapshot of `now`'s UTC day for every tenant that lacks it; `manager` lists the
   * tenants (any transaction). Returns the rows written. A failing tenant is logged and skipped.
   */
  async snapshotDueTenants(manager: EntityManager, now: Date): Promise<number> {
    const day = utcDay(now);
    let written = 0;
    for (const tenant of await listAllTenants(manager)) {
      if (tenant.status === 'deleted') continue;
      try {
        written += await withTenant(this.dataSource, tenant.id, async (tx, tenantId) =>
          (await isPostureSnapshotDue(tx, tenantId, day))
            ? writePostureSnapshots(tx, tenantId, { day })
            : 0,
        );
      } catch (error) {
        this.logger.error(
          { tenantId: tenant.id, day, err: error },
          'posture snapshot failed; retried next run',
        );
      }
    }
    return written;
  }
}
