import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ScanRequested, Topics } from '@palisade/contracts';
import { enqueueOutbox } from '@palisade/messaging';
import {
  type DiscoveryRepositories,
  DiscoveryTransactions,
  type DueSchedule,
  listDueSchedules,
  nextRunAfter,
  PeriodicTaskScheduler,
} from '@palisade/persistence';
import { DataSource } from 'typeorm';
import { DISCOVERY_OPTIONS, type DiscoveryOptions } from '../discovery-options';

/**
 * Fires due schedules: on every replica, once per due time (the periodic task's advisory lock,
 * and underneath it the compare-and-set on `next_run_at`). A firing is a `queued` scan and its
 * `scan.requested` in the outbox, in the claim's transaction. After downtime a schedule that
 * missed several runs fires once: its next run is computed from now, not from the missed one.
 */
@Injectable()
export class ScheduleFiringService implements OnModuleInit {
  private readonly logger = new Logger(ScheduleFiringService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: DiscoveryTransactions,
    private readonly scheduler: PeriodicTaskScheduler,
    @Inject(DISCOVERY_OPTIONS) private readonly options: DiscoveryOptions,
  ) {}

  onModuleInit(): void {
    if (this.options.schedulerIntervalMs > 0) {
      this.scheduler.schedule({
        name: 'discovery-schedules',
        intervalMs: this.options.schedulerIntervalMs,
        run: async () => {
          await this.fireDue(new Date());
        },
      });
    }
  }

  /** Fires every schedule due at `now`; returns the scans it queued. */
  async fireDue(now: Date): Promise<ScanRequested[]> {
    const due = await listDueSchedules(this.dataSource.manager, now, 500);
    const fired: ScanRequested[] = [];
    for (const schedule of due) {
      try {
        const request = await this.transactions.run(schedule.tenantId, (repos) =>
          this.fire(repos, schedule, now),
        );
        if (request !== undefined) fired.push(request);
      } catch (error) {
        this.logger.error(
          { tenantId: schedule.tenantId, scheduleId: schedule.scheduleId, err: error },
          'schedule firing failed; it stays due',
        );
      }
    }
    return fired;
  }

  private async fire(
    repos: DiscoveryRepositories,
    due: DueSchedule,
    now: Date,
  ): Promise<ScanRequested | undefined> {
    const { tenantId } = repos;
    const schedule = await repos.schedules.get(tenantId, due.scheduleId);
    if (schedule === null) return undefined;
    const next = nextRunAfter(schedule.cron, schedule.timeZone, now);
    if (!(await repos.schedules.claimFiring(tenantId, schedule.id, due.nextRunAt, next, now))) {
      return undefined;
    }
    const dueAt = due.nextRunAt.toISOString();
    const request: ScanRequested = {
      schemaVersion: 1,
      scanId: randomUUID(),
      tenantId,
      sourceId: schedule.sourceId,
      trigger: { kind: 'schedule', scheduleId: schedule.id, dueAt },
      scope: schedule.scope,
      ...(schedule.regions ? { regions: schedule.regions } : {}),
      ...(schedule.frameworks ? { frameworks: schedule.frameworks } : {}),
      ...(schedule.checks ? { checks: schedule.checks } : {}),
      idempotencyKey: `schedule:${schedule.id}:${dueAt}`,
      requestedAt: now.toISOString(),
    };
    const { created } = await repos.scans.insertRequested(tenantId, request);
    if (!created) return undefined;
    await enqueueOutbox(repos.manager, Topics.scanRequested, request, { tenantId });
    this.logger.log(
      { tenantId, scheduleId: schedule.id, scanId: request.scanId, dueAt },
      'schedule fired',
    );
    return request;
  }
}
