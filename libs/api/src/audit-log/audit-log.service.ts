import { Injectable } from '@nestjs/common';
import { type TenantId } from '@palisade/persistence';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { TenantDb } from '../tenancy/tenant-db';
import { type AuditEntryView, type AuditLogQuery } from './audit-log.dto';
import { cursorTime, cursorTimeSchema } from './time-cursor';

const auditCursor = z.object({ at: cursorTimeSchema, id: z.string().regex(/^[0-9]{1,19}$/) });

interface AuditRow {
  id: string;
  at: Date;
  at_cursor: string;
  actor_kind: 'operator' | 'tenant';
  actor_key_id: string;
  action: string;
  method: AuditEntryView['method'];
  path: string;
  resource_type: string | null;
  resource_id: string | null;
  status_code: number;
  request_id: string | null;
}

export interface AuditLogPage {
  readonly items: AuditEntryView[];
  readonly nextCursor: string | null;
}

/** The tenant's audit log (written by the audit interceptor), newest first. */
@Injectable()
export class AuditLogService {
  constructor(private readonly db: TenantDb) {}

  list(tenantId: TenantId, query: AuditLogQuery): Promise<AuditLogPage> {
    const before = query.cursor === undefined ? null : decodeCursor(query.cursor, auditCursor);
    return this.db.run(tenantId, async (manager) => {
      const rows: AuditRow[] = await manager.query(
        `SELECT id::text AS id, at, ${cursorTime('at')} AS at_cursor, actor_kind, actor_key_id,
                action, method, path, resource_type, resource_id, status_code, request_id
           FROM public.audit_log
          WHERE tenant_id = $1
            AND ($2::timestamptz IS NULL OR (at, id) < ($2::timestamptz, $3::bigint))
            AND ($4::text IS NULL OR action = $4)
            AND ($5::text IS NULL OR actor_key_id = $5)
            AND ($6::timestamptz IS NULL OR at >= $6)
            AND ($7::timestamptz IS NULL OR at < $7)
          ORDER BY at DESC, id DESC
          LIMIT $8`,
        [
          tenantId,
          before?.at ?? null,
          before?.id ?? null,
          query.action ?? null,
          query.actorKeyId ?? null,
          query.since ?? null,
          query.until ?? null,
          query.limit + 1,
        ],
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toView),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ at: last.at_cursor, id: last.id })
            : null,
      };
    });
  }
}

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorKind: row.actor_kind,
    actorKeyId: row.actor_key_id,
    action: row.action,
    method: row.method,
    path: row.path,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    statusCode: row.status_code,
    requestId: row.request_id,
  };
}
