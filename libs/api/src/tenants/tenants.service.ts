import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SCHEMA_VERSION, Topics } from '@palisade/contracts';
import { enqueueOutbox } from '@palisade/messaging';
import {
  parseTenantId,
  type TenantId,
  TenantScope,
  TenantSettingsRepository,
  type TenantStatus,
} from '@palisade/persistence';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { z } from 'zod';
import { insertKey } from '../api-keys/api-key-rows';
import { cursorTime, cursorTimeSchema } from '../audit-log/time-cursor';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { conflict, invalidField, notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import { slugFromName } from './slug';
import { DELETION_ORDER, TENANT_TABLES } from './tenant-tables';
import {
  type CreatedTenantView,
  type DeletedTenantView,
  type OffboardedTenantView,
  type TenantView,
} from './tenants.dto';

const TENANT_COLUMNS = `id, slug, name, status, created_at, updated_at,
  ${cursorTime('created_at')} AS created_at_cursor`;

/** Rows fetched per round trip while exporting: bounds the memory an export holds. */
const EXPORT_BATCH = 500;

const tenantCursor = z.object({ c: cursorTimeSchema, id: z.uuid() });

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  created_at: Date;
  updated_at: Date;
  created_at_cursor: string;
}

export interface TenantPage {
  readonly items: TenantView[];
  readonly nextCursor: string | null;
}

/** Where an export goes: the HTTP response, with backpressure. */
export interface ExportSink {
  /** Called once the tenant is known to exist, before the first line. */
  begin(tenant: TenantView): void;
  /** Resolves when the chunk may be followed by the next one; rejects if the reader is gone. */
  write(chunk: string): Promise<void>;
}

function toView(row: TenantRow): TenantView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23505' && driver.constraint === constraint;
}

async function count(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const rows: { n: number }[] = await manager.query(sql, params);
  return rows[0]?.n ?? 0;
}

/**
 * Tenants, for the operator: create (with a first admin key), list, rename, and offboard an
 * MSSP's client: stop it (keys refused, schedules disabled, scans cancelled), export everything
 * it has, then delete everything but a tombstone. Each tenant's rows are reached under its own
 * RLS tenant; the list crosses tenants through `palisade_list_tenants()` only.
 */
@Injectable()
export class TenantsService {
  constructor(
    private readonly db: TenantDb,
    private readonly dataSource: DataSource,
  ) {}

  async create(input: { name: string; slug?: string | undefined }): Promise<CreatedTenantView> {
    const slug = input.slug ?? slugFromName(input.name);
    if (slug === null) {
      throw invalidField('body.slug', 'no slug can be made from this name: give one');
    }
    const id = parseTenantId(randomUUID());
    try {
      return await this.db.run(id, async (manager, scope) => {
        const rows: TenantRow[] = await manager.query(
          `INSERT INTO public.tenants (id, slug, name) VALUES ($1, $2, $3) RETURNING ${TENANT_COLUMNS}`,
          [id, slug, input.name],
        );
        await new TenantSettingsRepository(scope).ensure(id);
        const apiKey = await insertKey(manager, id, {
          name: 'first admin key',
          scopes: ['admin'],
          expiresAt: null,
          createdBy: 'operator',
        });
        return { ...toView(rows[0] as TenantRow), apiKey };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'tenants_slug_key')) {
        throw conflict(`a tenant with the slug "${slug}" exists (deleted tenants keep theirs)`);
      }
      throw error;
    }
  }

  /** Every tenant, oldest first, by (created_at, id). */
  async list(
    limit: number,
    cursor: string | undefined,
    status: TenantStatus | undefined,
  ): Promise<TenantPage> {
    const after = cursor === undefined ? null : decodeCursor(cursor, tenantCursor);
    const rows: TenantRow[] = await this.dataSource.query(
      `SELECT ${TENANT_COLUMNS} FROM public.palisade_list_tenants()
        WHERE ($1::timestamptz IS NULL OR (created_at, id) > ($1::timestamptz, $2::uuid))
          AND ($3::text IS NULL OR status = $3)
        ORDER BY created_at, id
        LIMIT $4`,
      [after?.c ?? null, after?.id ?? null, status ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toView),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ c: last.created_at_cursor, id: last.id })
          : null,
    };
  }

  /** The tenant, or 404. */
  get(id: TenantId): Promise<TenantView> {
    return this.db.run(id, async (manager) => toView(await this.find(manager, id, false)));
  }

  async rename(id: TenantId, name: string): Promise<TenantView> {
    return this.db.run(id, async (manager) => {
      const tenant = await this.find(manager, id, true);
      if (tenant.status === 'deleted') throw conflict('the tenant is deleted');
      const rows: TenantRow[] = await manager.query(
        `WITH t AS (UPDATE public.tenants SET name = $2 WHERE id = $1 RETURNING *)
         SELECT ${TENANT_COLUMNS} FROM t`,
        [id, name],
      );
      return toView(rows[0] as TenantRow);
    });
  }

  /**
   * Stops the tenant, keeping its data for the export: its keys are refused from now on (the
   * guard admits only active tenants), its schedules are disabled, its queued and running scans
   * are asked to stop (`scan.control`, in this transaction). Repeating it is harmless.
   */
  offboard(id: TenantId): Promise<OffboardedTenantView> {
    return this.db.run(id, async (manager) => {
      const tenant = await this.find(manager, id, true);
      if (tenant.status === 'deleted') throw conflict('the tenant is deleted');
      const rows: TenantRow[] = await manager.query(
        `WITH t AS (
           UPDATE public.tenants SET status = 'offboarding'
            WHERE id = $1 AND status = 'active' RETURNING *
         ) SELECT ${TENANT_COLUMNS} FROM t`,
        [id],
      );
      const schedulesDisabled = await count(
        manager,
        `WITH disabled AS (
           UPDATE public.schedules SET enabled = false WHERE tenant_id = $1 AND enabled RETURNING 1
         ) SELECT count(*)::int AS n FROM disabled`,
        [id],
      );
      const cancelled: { id: string; at: Date }[] = await manager.query(
        `WITH s AS (
           UPDATE public.scans SET cancel_requested_at = now()
            WHERE tenant_id = $1 AND status IN ('queued', 'running') AND cancel_requested_at IS NULL
            RETURNING id, cancel_requested_at
         ) SELECT id, cancel_requested_at AS at FROM s`,
        [id],
      );
      for (const scan of cancelled) {
        await enqueueOutbox(manager, Topics.scanControl, {
          schemaVersion: SCHEMA_VERSION,
          scanId: scan.id,
          tenantId: id,
          action: 'cancel',
          requestedAt: scan.at.toISOString(),
        });
      }
      return {
        ...toView(rows[0] ?? tenant),
        offboarding: { schedulesDisabled, scansCancelled: cancelled.length },
      };
    });
  }

  /**
   * Writes every row of the tenant to `sink` as JSON Lines (`{"table":…,"row":…}`), table by
   * table in TENANT_TABLES order, secrets left out. One read-only REPEATABLE READ transaction
   * (a consistent snapshot; TenantDb.run has no isolation option) with the tenant set for RLS;
   * each table is read through a server-side cursor in batches, and the next batch is fetched
   * only once the sink took the previous one, so memory stays bounded whatever the size.
   */
  async export(id: TenantId, sink: ExportSink): Promise<void> {
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      await TenantScope.open(manager, id);
      sink.begin(toView(await this.find(manager, id, false)));
      for (const table of TENANT_TABLES) {
        await manager.query(
          `DECLARE palisade_export NO SCROLL CURSOR FOR
             SELECT (to_jsonb(t) - $2::text[])::text AS row
               FROM public.${table.name} t WHERE t.${table.tenantColumn} = $1`,
          [id, table.omit],
        );
        const prefix = `{"table":${JSON.stringify(table.name)},"row":`;
        for (;;) {
          const rows: { row: string }[] = await manager.query(
            `FETCH FORWARD ${EXPORT_BATCH} FROM palisade_export`,
          );
          if (rows.length === 0) break;
          await sink.write(rows.map((r) => `${prefix}${r.row}}\n`).join(''));
        }
        await manager.query('CLOSE palisade_export');
      }
    });
  }

  /**
   * Deletes every row of an offboarded tenant, children first, in one transaction; its keys go
   * with `api_keys`. The `tenants` row stays as a tombstone (`deleted`); the audit interceptor
   * then writes the one audit row of the deletion.
   */
  delete(id: TenantId): Promise<DeletedTenantView> {
    return this.db.run(id, async (manager) => {
      const tenant = await this.find(manager, id, true);
      if (tenant.status === 'deleted') throw conflict('the tenant is already deleted');
      if (tenant.status !== 'offboarding') {
        throw conflict(
          `offboard the tenant first (POST /v1/tenants/${id}/offboard), then export its data ` +
            '(GET /v1/tenants/{id}/export), then delete it',
        );
      }
      const deletedRows: Record<string, number> = {};
      for (const table of DELETION_ORDER) {
        deletedRows[table.name] = await count(
          manager,
          `WITH gone AS (DELETE FROM public.${table.name} WHERE tenant_id = $1 RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
          [id],
        );
      }
      const rows: TenantRow[] = await manager.query(
        `WITH t AS (UPDATE public.tenants SET status = 'deleted' WHERE id = $1 RETURNING *)
         SELECT ${TENANT_COLUMNS} FROM t`,
        [id],
      );
      return { ...toView(rows[0] as TenantRow), deletedRows };
    });
  }

  /** The tenant's row in this tenant transaction (locked when `lock`), or 404. */
  private async find(manager: EntityManager, id: TenantId, lock: boolean): Promise<TenantRow> {
    const rows: TenantRow[] = await manager.query(
      `SELECT ${TENANT_COLUMNS} FROM public.tenants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound('tenant', id);
    return row;
  }
}
