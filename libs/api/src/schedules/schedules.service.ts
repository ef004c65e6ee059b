import { Injectable } from '@nestjs/common';
import {
  type AccountsSourceConfig,
  nextRunAfter,
  nextRunsAfter,
  type ScanScope,
  ScheduleEntity,
  SchedulesRepository,
  SourcesRepository,
  type TenantId,
  type TenantScope,
} from '@palisade/persistence';
import { In } from 'typeorm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { invalidField, notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import {
  type CreateScheduleBody,
  cronProblem,
  NEXT_RUNS,
  type ScheduleView,
  type UpdateScheduleBody,
} from './schedules.dto';

const scheduleCursor = z.object({
  n: z.string().refine((n) => !n.includes('\u0000')),
  id: z.uuid(),
});

export interface SchedulePage {
  readonly items: ScheduleView[];
  readonly nextCursor: string | null;
}

interface PageRow {
  id: string;
  name: string;
}

/** Cron schedules of scans: validated against the scheduler's parser and the source. */
@Injectable()
export class SchedulesService {
  constructor(private readonly db: TenantDb) {}

  create(tenantId: TenantId, body: CreateScheduleBody, now = new Date()): Promise<ScheduleView> {
    return this.db.run(tenantId, async (_manager, scope) => {
      await assertScopeFitsSource(scope, tenantId, body.sourceId, body.scope);
      const schedule = await new SchedulesRepository(scope).create(tenantId, {
        sourceId: body.sourceId,
        name: body.name,
        cron: body.cron,
        timeZone: body.timeZone,
        scope: body.scope,
        regions: body.regions ?? null,
        frameworks: body.frameworks ?? null,
        checks: body.checks ?? null,
        enabled: body.enabled,
        nextRunAt: nextRunAfter(body.cron, body.timeZone, now),
      });
      return toView(schedule);
    });
  }

  /** By (name, id), schedules of live sources only. */
  list(
    tenantId: TenantId,
    query: { limit: number; cursor?: string | undefined; sourceId?: string | undefined },
  ): Promise<SchedulePage> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, scheduleCursor);
    return this.db.run(tenantId, async (manager) => {
      const rows: PageRow[] = await manager.query(
        `SELECT s.id, s.name
           FROM public.schedules s
           JOIN public.sources src
             ON src.tenant_id = s.tenant_id AND src.id = s.source_id AND src.deleted_at IS NULL
          WHERE s.tenant_id = $1
            AND ($2::uuid IS NULL OR s.source_id = $2::uuid)
            AND ($3::text IS NULL OR (s.name, s.id) > ($3::text, $4::uuid))
          ORDER BY s.name, s.id
          LIMIT $5`,
        [tenantId, query.sourceId ?? null, after?.n ?? null, after?.id ?? null, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const found = await manager.find(ScheduleEntity, {
        where: { tenantId, id: In(page.map((row) => row.id)) },
      });
      const byId = new Map(found.map((schedule) => [schedule.id, schedule]));
      return {
        items: page.flatMap((row) => {
          const schedule = byId.get(row.id);
          return schedule ? [toView(schedule)] : [];
        }),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ n: last.name, id: last.id }) : null,
      };
    });
  }

  get(tenantId: TenantId, id: string): Promise<ScheduleView> {
    return this.db.run(tenantId, async (_manager, scope) =>
      toView(await liveSchedule(scope, tenantId, id)),
    );
  }

  /**
   * Changes a schedule. A new cron or time zone, or re-enabling it, computes the next run from
   * now; otherwise the pending next run is kept.
   */
  update(
    tenantId: TenantId,
    id: string,
    body: UpdateScheduleBody,
    now = new Date(),
  ): Promise<ScheduleView> {
    return this.db.run(tenantId, async (_manager, scope) => {
      const current = await liveSchedule(scope, tenantId, id);
      const cron = body.cron ?? current.cron;
      const timeZone = body.timeZone ?? current.timeZone;
      const problem = cronProblem(cron, timeZone, now);
      if (problem !== null)
        throw invalidField(body.cron !== undefined ? 'body.cron' : 'body.timeZone', problem);
      const frameworks = body.frameworks === undefined ? current.frameworks : body.frameworks;
      const checks = body.checks === undefined ? current.checks : body.checks;
      if (frameworks !== null && checks !== null) {
        throw invalidField(
          body.checks !== undefined ? 'body.checks' : 'body.frameworks',
          'give frameworks or checks, not both (set the other to null)',
        );
      }
      if (body.scope !== undefined) {
        await assertScopeFitsSource(scope, tenantId, current.sourceId, body.scope);
      }
      const enabled = body.enabled ?? current.enabled;
      const recompute =
        cron !== current.cron || timeZone !== current.timeZone || (enabled && !current.enabled);
      const updated = await new SchedulesRepository(scope).update(tenantId, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        cron,
        timeZone,
        ...(body.scope !== undefined ? { scope: body.scope } : {}),
        ...(body.regions !== undefined ? { regions: body.regions } : {}),
        frameworks,
        checks,
        enabled,
        ...(recompute ? { nextRunAt: nextRunAfter(cron, timeZone, now) } : {}),
      });
      if (!updated) throw notFound('schedule', id);
      return toView(updated);
    });
  }

  remove(tenantId: TenantId, id: string): Promise<void> {
    return this.db.run(tenantId, async (_manager, scope) => {
      await liveSchedule(scope, tenantId, id);
      await new SchedulesRepository(scope).delete(tenantId, id);
    });
  }
}

/** The schedule, if its source is live; else 404. */
async function liveSchedule(
  scope: TenantScope,
  tenantId: TenantId,
  id: string,
): Promise<ScheduleEntity> {
  const schedule = await new SchedulesRepository(scope).get(tenantId, id);
  if (!schedule || !(await new SourcesRepository(scope).get(tenantId, schedule.sourceId))) {
    throw notFound('schedule', id);
  }
  return schedule;
}

/** 422 when the source is not a live source of the tenant, or the scope does not fit its kind. */
async function assertScopeFitsSource(
  scope: TenantScope,
  tenantId: TenantId,
  sourceId: string,
  selection: ScanScope,
): Promise<void> {
  const source = await new SourcesRepository(scope).get(tenantId, sourceId);
  if (!source) throw invalidField('body.sourceId', `no source with id ${sourceId}`);
  if (source.kind !== 'accounts') return;
  if (selection.ouIds !== undefined) {
    throw invalidField('body.scope.ouIds', 'an accounts source has no OUs: select accountIds');
  }
  const listed = new Set((source.config as AccountsSourceConfig).accounts.map((a) => a.accountId));
  const index = (selection.accountIds ?? []).findIndex((id) => !listed.has(id));
  if (index >= 0) {
    throw invalidField(
      `body.scope.accountIds.${index}`,
      `account ${selection.accountIds?.[index] ?? ''} is not listed in the source`,
    );
  }
}

function toView(schedule: ScheduleEntity): ScheduleView {
  const nextRuns = schedule.enabled
    ? [
        schedule.nextRunAt,
        ...nextRunsAfter(schedule.cron, schedule.timeZone, schedule.nextRunAt, NEXT_RUNS - 1),
      ]
    : [];
  return {
    id: schedule.id,
    sourceId: schedule.sourceId,
    name: schedule.name,
    cron: schedule.cron,
    timeZone: schedule.timeZone,
    scope: {
      ...(schedule.scope.accountIds !== undefined ? { accountIds: schedule.scope.accountIds } : {}),
      ...(schedule.scope.ouIds !== undefined ? { ouIds: schedule.scope.ouIds } : {}),
    },
    regions: schedule.regions,
    frameworks: schedule.frameworks,
    checks: schedule.checks,
    enabled: schedule.enabled,
    nextRunAt: schedule.nextRunAt.toISOString(),
    lastFiredAt: schedule.lastFiredAt === null ? null : schedule.lastFiredAt.toISOString(),
    nextRuns: nextRuns.map((at) => at.toISOString()),
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}
