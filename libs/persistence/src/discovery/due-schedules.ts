import { type EntityManager } from 'typeorm';
import { parseTenantId, type TenantId } from '../tenancy/tenant-id';
import { assertLimit, selectRows } from './sql-helpers';

export interface DueSchedule {
  tenantId: TenantId;
  scheduleId: string;
  nextRunAt: Date;
}

/**
 * Enabled schedules of every tenant (live sources, active tenants) due at `now`, earliest first:
 * the operator bypass, through the SECURITY DEFINER function `palisade_due_schedules(now, lim)`.
 * For the scheduler only; it then claims each firing with `SchedulesRepository.claimFiring` in
 * that tenant's transaction, which decides which replica fires it.
 */
export async function listDueSchedules(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<DueSchedule[]> {
  assertLimit(limit, 10_000, 'due schedules limit');
  const rows = await selectRows<{ tenant_id: string; schedule_id: string; next_run_at: Date }>(
    manager,
    'SELECT tenant_id, schedule_id, next_run_at FROM public.palisade_due_schedules($1, $2)',
    [now, limit],
  );
  return rows.map((row) => ({
    tenantId: parseTenantId(row.tenant_id),
    scheduleId: row.schedule_id,
    nextRunAt: row.next_run_at,
  }));
}
