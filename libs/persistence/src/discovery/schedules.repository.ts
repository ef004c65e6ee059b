import { PersistenceError, PersistenceErrorCode } from '../errors/persistence-error';
import { type TenantId } from '../tenancy/tenant-id';
import { type ScanScope, ScheduleEntity } from './schedule.entity';
import { firstRow, selectCount, selectRows } from './sql-helpers';
import { type TenantScope } from './tenant-scope';

export interface NewSchedule {
  sourceId: string;
  name: string;
  /** Validated by the caller, which also computes `nextRunAt` from it. */
  cron: string;
  /** IANA time zone; checked with Intl (`INVALID_ARGUMENT` if unknown). */
  timeZone: string;
  scope?: ScanScope;
  regions?: string[] | null;
  frameworks?: string[] | null;
  checks?: string[] | null;
  enabled?: boolean;
  nextRunAt: Date;
}

export type SchedulePatch = Partial<Omit<NewSchedule, 'sourceId'>>;

/** `schedules`. The cross-tenant due list is `listDueSchedules` (operator bypass). */
export class SchedulesRepository {
  constructor(private readonly scope: TenantScope) {}

  async create(tenantId: TenantId, input: NewSchedule): Promise<ScheduleEntity> {
    assertTimeZone(input.timeZone);
    const manager = this.scope.managerFor(tenantId);
    const { id } = firstRow(
      await selectRows<{ id: string }>(
        manager,
        `INSERT INTO public.schedules (tenant_id, source_id, name, cron, time_zone, scope, regions,
                                       frameworks, checks, enabled, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) RETURNING id`,
        [
          tenantId,
          input.sourceId,
          input.name,
          input.cron,
          input.timeZone,
          JSON.stringify(input.scope ?? {}),
          input.regions ?? null,
          input.frameworks ?? null,
          input.checks ?? null,
          input.enabled ?? true,
          input.nextRunAt,
        ],
      ),
    );
    return manager.findOneByOrFail(ScheduleEntity, { tenantId, id });
  }

  async get(tenantId: TenantId, id: string): Promise<ScheduleEntity | null> {
    return await this.scope.managerFor(tenantId).findOneBy(ScheduleEntity, { tenantId, id });
  }

  async list(tenantId: TenantId, options: { sourceId?: string } = {}): Promise<ScheduleEntity[]> {
    return await this.scope.managerFor(tenantId).find(ScheduleEntity, {
      where: {
        tenantId,
        ...(options.sourceId === undefined ? {} : { sourceId: options.sourceId }),
      },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /** Changes a schedule; returns null when there is none with that id. */
  async update(
    tenantId: TenantId,
    id: string,
    patch: SchedulePatch,
  ): Promise<ScheduleEntity | null> {
    const current = await this.get(tenantId, id);
    if (!current) return null;
    if (patch.timeZone !== undefined) assertTimeZone(patch.timeZone);
    const next = { ...current, ...definedOnly(patch) };
    await this.scope.managerFor(tenantId).query(
      `UPDATE public.schedules
          SET name = $3, cron = $4, time_zone = $5, scope = $6::jsonb, regions = $7,
              frameworks = $8, checks = $9, enabled = $10, next_run_at = $11
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        id,
        next.name,
        next.cron,
        next.timeZone,
        JSON.stringify(next.scope),
        next.regions,
        next.frameworks,
        next.checks,
        next.enabled,
        next.nextRunAt,
      ],
    );
    return this.get(tenantId, id);
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    const deleted = await selectCount(
      this.scope.managerFor(tenantId),
      `WITH gone AS (DELETE FROM public.schedules WHERE tenant_id = $1 AND id = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [tenantId, id],
    );
    return deleted === 1;
  }

  /**
   * Compare-and-set of one firing: moves `next_run_at` from `dueAt` to `nextRunAt` and records
   * `firedAt`, only if the schedule is enabled and still due at `dueAt`. Of several replicas
   * claiming the same due time exactly one gets true (the others wait on the row lock, then
   * find `next_run_at` changed). Emit the scan in the same transaction (outbox) as the claim.
   */
  async claimFiring(
    tenantId: TenantId,
    scheduleId: string,
    dueAt: Date,
    nextRunAt: Date,
    firedAt: Date,
  ): Promise<boolean> {
    if (!(nextRunAt.getTime() > dueAt.getTime())) {
      throw new PersistenceError(
        PersistenceErrorCode.INVALID_ARGUMENT,
        `the next run (${nextRunAt.toISOString()}) must be after the due time (${dueAt.toISOString()})`,
      );
    }
    const won = await selectCount(
      this.scope.managerFor(tenantId),
      `WITH won AS (
         UPDATE public.schedules SET next_run_at = $4, last_fired_at = $5
          WHERE tenant_id = $1 AND id = $2 AND next_run_at = $3 AND enabled
         RETURNING 1
       ) SELECT count(*)::int AS n FROM won`,
      [tenantId, scheduleId, dueAt, nextRunAt, firedAt],
    );
    return won === 1;
  }
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new PersistenceError(
      PersistenceErrorCode.INVALID_ARGUMENT,
      `unknown IANA time zone ${JSON.stringify(timeZone)}`,
    );
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
