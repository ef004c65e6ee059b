import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { SCHEMA_VERSION, type ScanControl, Topics } from '@palisade/contracts';
import { enqueueOutbox } from '@palisade/messaging';
import {
  type AccountsSourceConfig,
  SCAN_JOB_SCOPES,
  ScansRepository,
  SourcesRepository,
  type TenantId,
  type TenantScope,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { type TenantPrincipal } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../http/pagination';
import {
  badRequest,
  conflict,
  type FieldError,
  invalidField,
  notFound,
  ProblemException,
} from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import { sameScanRequest, scanRequestedMessage } from './scan-request';
import {
  JOB_COLUMNS,
  type JobRow,
  jobView,
  SCAN_COLUMNS,
  type ScanRow,
  scanView,
} from './scan-views';
import {
  type CreateScanBody,
  DETAIL_JOBS,
  type ListJobsQuery,
  type ListScansQuery,
  RESERVED_KEY_PREFIX,
  type ScanDetailView,
  type ScanJobView,
  type ScanView,
} from './scans.dto';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_FIELD = `header.${IDEMPOTENCY_HEADER}`;

const scanCursor = z.object({ r: z.iso.datetime(), i: z.uuid() });
const jobCursor = z.object({
  s: z.enum(SCAN_JOB_SCOPES),
  a: z.string().regex(/^\d{12}$/),
});

export interface CreatedScan {
  readonly scan: ScanView;
  /** False when the Idempotency-Key named an existing scan (returned as it is now). */
  readonly created: boolean;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** An `Idempotency-Key` header: absent, or 1-255 characters outside the scheduler's namespace. */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < 1 || value.length > 255) {
    throw badRequest(KEY_FIELD, 'an idempotency key is 1-255 characters');
  }
  if (value.startsWith(RESERVED_KEY_PREFIX)) {
    throw badRequest(KEY_FIELD, `keys starting with "${RESERVED_KEY_PREFIX}" are the scheduler's`);
  }
  return value;
}

/** Scans: created `queued` with their `scan.requested` message, read with their jobs, cancelled. */
@Injectable()
export class ScansService {
  constructor(private readonly db: TenantDb) {}

  /**
   * Inserts the scan and its `scan.requested` outbox row in one transaction. With an
   * idempotency key already used by this tenant, returns that scan instead (nothing is
   * published) — or refuses the request if it asks for something else.
   */
  async create(
    principal: TenantPrincipal,
    body: CreateScanBody,
    idempotencyKey: string | undefined,
  ): Promise<CreatedScan> {
    const tenantId = principal.tenantId;
    return this.db.run(tenantId, async (manager, scope) => {
      if (idempotencyKey !== undefined) {
        const existing = await this.byKey(manager, tenantId, idempotencyKey);
        if (existing !== undefined) return replay(existing, body);
      }
      await checkSelection(scope, tenantId, body);
      const message = scanRequestedMessage({
        scanId: randomUUID(),
        tenantId,
        apiKeyId: principal.keyId,
        body,
        idempotencyKey,
        requestedAt: new Date(),
      });
      const { scan, created } = await new ScansRepository(scope).insertRequested(tenantId, message);
      // Another request with the same key committed first: this one is its repetition.
      if (!created) return replay(await this.row(manager, tenantId, scan.id), body);
      await enqueueOutbox(manager, Topics.scanRequested, message, { tenantId });
      return { scan: scanView(await this.row(manager, tenantId, scan.id)), created: true };
    });
  }

  /** The tenant's scans, newest first, filtered. */
  async list(tenantId: TenantId, query: ListScansQuery): Promise<Page<ScanView>> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, scanCursor);
    const rows = await this.db.run(tenantId, (manager) =>
      manager.query<ScanRow[]>(
        `SELECT ${SCAN_COLUMNS}
           FROM public.scans s
          WHERE s.tenant_id = $1
            AND ($2::text IS NULL OR s.status = $2)
            AND ($3::uuid IS NULL OR s.source_id = $3)
            AND ($4::timestamptz IS NULL OR s.requested_at >= $4)
            AND ($5::timestamptz IS NULL OR s.requested_at < $5)
            AND ($6::timestamptz IS NULL OR (s.requested_at, s.id) < ($6, $7::uuid))
          ORDER BY s.requested_at DESC, s.id DESC
          LIMIT $8`,
        [
          tenantId,
          query.status ?? null,
          query.sourceId ?? null,
          query.since ?? null,
          query.until ?? null,
          after?.r ?? null,
          after?.i ?? null,
          query.limit + 1,
        ],
      ),
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(scanView),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ r: last.requested_key, i: last.id })
          : null,
    };
  }

  /** The scan with its job totals and its first DETAIL_JOBS jobs. */
  async detail(tenantId: TenantId, id: string): Promise<ScanDetailView> {
    return this.db.run(tenantId, async (manager) => {
      const scan = await this.row(manager, tenantId, id);
      const [totals] = await manager.query<ScanDetailView['jobTotals'][]>(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'running')::int AS running,
                count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
                count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
                count(*) FILTER (
                  WHERE status = 'failed'
                     OR jsonb_array_length(coalesce(result -> 'errors', '[]'::jsonb)) > 0
                )::int AS "withErrors"
           FROM public.scan_jobs
          WHERE tenant_id = $1 AND scan_id = $2`,
        [tenantId, id],
      );
      const jobs = await this.jobPage(manager, tenantId, id, { limit: DETAIL_JOBS });
      return {
        ...scanView(scan),
        jobTotals: totals as ScanDetailView['jobTotals'],
        accounts: jobs.items,
        accountsNextCursor: jobs.nextCursor,
      };
    });
  }

  /** Every job of the scan by scope then account id (account jobs first), paginated. */
  async jobs(tenantId: TenantId, id: string, query: ListJobsQuery): Promise<Page<ScanJobView>> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, jobCursor);
    return this.db.run(tenantId, async (manager) => {
      await this.row(manager, tenantId, id);
      return this.jobPage(manager, tenantId, id, {
        limit: query.limit,
        ...(query.status ? { status: query.status } : {}),
        ...(after ? { after } : {}),
      });
    });
  }

  /**
   * Records the cancel request and enqueues `scan.control` in one transaction, once: a repeated
   * cancel returns the scan as it is. A scan that ended without a cancel request is a conflict.
   */
  async cancel(tenantId: TenantId, id: string): Promise<ScanView> {
    return this.db.run(tenantId, async (manager) => {
      const marked = await manager.query<{ cancel_requested_at: Date }[]>(
        `WITH marked AS (
           UPDATE public.scans SET cancel_requested_at = now()
            WHERE tenant_id = $1 AND id = $2 AND cancel_requested_at IS NULL
              AND status IN ('queued', 'running')
           RETURNING cancel_requested_at
         ) SELECT cancel_requested_at FROM marked`,
        [tenantId, id],
      );
      const scan = await this.row(manager, tenantId, id);
      const requested = marked[0]?.cancel_requested_at;
      if (requested !== undefined) {
        const message: ScanControl = {
          schemaVersion: SCHEMA_VERSION,
          scanId: scan.id,
          tenantId,
          action: 'cancel',
          requestedAt: requested.toISOString(),
        };
        await enqueueOutbox(manager, Topics.scanControl, message, { tenantId });
      }
      if (scan.cancel_requested_at === null) {
        throw conflict(`the scan is ${scan.status}: there is nothing to cancel`);
      }
      return scanView(scan);
    });
  }

  private async row(manager: EntityManager, tenantId: TenantId, id: string): Promise<ScanRow> {
    const [row] = await manager.query<ScanRow[]>(
      `SELECT ${SCAN_COLUMNS} FROM public.scans s WHERE s.tenant_id = $1 AND s.id = $2`,
      [tenantId, id],
    );
    if (row === undefined) throw notFound('scan', id);
    return row;
  }

  private async byKey(
    manager: EntityManager,
    tenantId: TenantId,
    key: string,
  ): Promise<ScanRow | undefined> {
    const [row] = await manager.query<ScanRow[]>(
      `SELECT ${SCAN_COLUMNS} FROM public.scans s
        WHERE s.tenant_id = $1 AND s.idempotency_key = $2`,
      [tenantId, key],
    );
    return row;
  }

  private async jobPage(
    manager: EntityManager,
    tenantId: TenantId,
    scanId: string,
    options: {
      limit: number;
      status?: string;
      after?: z.infer<typeof jobCursor>;
    },
  ): Promise<Page<ScanJobView>> {
    const rows = await manager.query<JobRow[]>(
      `SELECT ${JOB_COLUMNS}
         FROM public.scan_jobs j
        WHERE j.tenant_id = $1 AND j.scan_id = $2
          AND ($3::text IS NULL OR j.status = $3)
          AND ($4::text IS NULL OR (j.scope, j.account_id) > ($4, $5::character(12)))
        ORDER BY j.scope, j.account_id
        LIMIT $6`,
      [
        tenantId,
        scanId,
        options.status ?? null,
        options.after?.s ?? null,
        options.after?.a ?? null,
        options.limit + 1,
      ],
    );
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(jobView),
      nextCursor:
        rows.length > options.limit && last
          ? encodeCursor({ s: last.scope, a: last.account_id })
          : null,
    };
  }
}

/** A repeated request: the stored scan if it asks for the same, else 422. */
function replay(existing: ScanRow, body: CreateScanBody): CreatedScan {
  if (!sameScanRequest({ sourceId: existing.source_id, request: existing.request }, body)) {
    throw invalidField(
      KEY_FIELD,
      'this key was used for a scan of another source or selection; use a new key',
    );
  }
  return { scan: scanView(existing), created: false };
}

/** The source must be the tenant's (live) and the selection must fit its kind. */
async function checkSelection(
  scope: TenantScope,
  tenantId: TenantId,
  body: CreateScanBody,
): Promise<void> {
  const source = await new SourcesRepository(scope).get(tenantId, body.sourceId);
  if (source === null) throw invalidField('body.sourceId', 'this tenant has no such source');
  if (source.kind !== 'accounts') return;
  const errors: FieldError[] = [];
  if (body.ouIds !== undefined) {
    errors.push({ field: 'body.ouIds', detail: 'an accounts source has no OUs' });
  }
  const listed = new Set((source.config as AccountsSourceConfig).accounts.map((a) => a.accountId));
  body.accountIds?.forEach((accountId, index) => {
    if (!listed.has(accountId)) {
      errors.push({
        field: `body.accountIds.${index}`,
        detail: `account ${accountId} is not in source ${source.name}`,
      });
    }
  });
  if (errors.length > 0) {
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'validation',
      errors.map((e) => `${e.field}: ${e.detail}`).join('; '),
      errors,
    );
  }
}
