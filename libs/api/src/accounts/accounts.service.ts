import { HttpStatus, Injectable } from '@nestjs/common';
import {
  type AccountState,
  type ScanJobStatus,
  type ScanStatus,
  type TenantId,
} from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { notFound, ProblemException } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import { type AccountView, type ListAccountsQuery, type OuTreeView } from './accounts.dto';
import { buildOuTree, ouAncestry, type OuRow } from './ou-tree';

const accountCursor = z.object({ a: z.string().regex(/^\d{12}$/), s: z.uuid() });

export interface AccountPage {
  readonly items: AccountView[];
  readonly nextCursor: string | null;
}

interface AccountRow {
  source_id: string;
  source_name: string;
  account_id: string;
  name: string;
  email: string | null;
  state: AccountState;
  ou_id: string | null;
  ou_path: string | null;
  tags: Record<string, string>;
  joined_at: Date | null;
  first_seen_at: Date;
  last_seen_at: Date;
  removed_at: Date | null;
}

interface OuDbRow {
  source_id: string;
  ou_id: string;
  name: string;
  parent_id: string | null;
  path: string;
}

interface LastScanRow {
  source_id: string;
  account_id: string;
  scan_id: string;
  scan_status: ScanStatus;
  job_status: ScanJobStatus;
  requested_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error_code: string | null;
  skip_reason: string | null;
}

interface PostureRow {
  account_id: string;
  framework: string;
  day: string;
  passed: number;
  failed: number;
  manual: number;
  errored: number;
  suppressed: number;
  score: number | null;
}

/** A WHERE clause in the making: conditions and their parameters ($1 is the tenant). */
class Conditions {
  readonly where: string[] = ['a.tenant_id = $1', 'src.deleted_at IS NULL'];
  readonly params: unknown[];
  with = '';

  constructor(tenantId: TenantId) {
    this.params = [tenantId];
  }

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

const ACCOUNT_COLUMNS = `a.source_id, src.name AS source_name, a.account_id, a.name, a.email,
  a.state, a.ou_id, a.ou_path, a.tags, a.joined_at, a.first_seen_at, a.last_seen_at, a.removed_at`;

/** `%`, `_` and `\` taken literally in a LIKE pattern (with ESCAPE '\'). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** The inventory: accounts with their OU path, last scan and posture, and the OU trees. */
@Injectable()
export class AccountsService {
  constructor(private readonly db: TenantDb) {}

  list(tenantId: TenantId, query: ListAccountsQuery): Promise<AccountPage> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, accountCursor);
    const c = new Conditions(tenantId);
    if (query.sourceId !== undefined)
      c.where.push(`a.source_id = ${c.param(query.sourceId)}::uuid`);
    if (!query.includeRemoved) c.where.push('a.removed_at IS NULL');
    if (query.state !== undefined) c.where.push(`a.state = ANY (${c.param(query.state)}::text[])`);
    for (const tag of query.tag ?? []) {
      c.where.push(
        tag.value === undefined
          ? `(a.tags -> ${c.param(tag.key)}::text) IS NOT NULL`
          : `a.tags @> jsonb_build_object(${c.param(tag.key)}::text, ${c.param(tag.value)}::text)`,
      );
    }
    if (query.q !== undefined) {
      const text = escapeLike(query.q);
      c.where.push(
        `(a.name ILIKE ${c.param(`%${text}%`)}::text ESCAPE '\\'` +
          ` OR a.account_id::text LIKE ${c.param(`${text}%`)}::text ESCAPE '\\')`,
      );
    }
    if (query.ouId !== undefined) {
      const ou = c.param(query.ouId);
      c.with = `WITH RECURSIVE beneath AS (
          SELECT o.source_id, o.ou_id FROM public.organizational_units o
           WHERE o.tenant_id = $1 AND o.ou_id = ${ou}::text
          UNION
          SELECT child.source_id, child.ou_id FROM public.organizational_units child
            JOIN beneath ON child.source_id = beneath.source_id AND child.parent_id = beneath.ou_id
           WHERE child.tenant_id = $1
        )`;
      c.where.push('(a.source_id, a.ou_id) IN (SELECT source_id, ou_id FROM beneath)');
    }
    if (after !== null) {
      c.where.push(
        `(a.account_id, a.source_id) > (${c.param(after.a)}::character(12), ${c.param(after.s)}::uuid)`,
      );
    }
    const limit = c.param(query.limit + 1);
    return this.db.run(tenantId, async (manager) => {
      const rows: AccountRow[] = await manager.query(
        `${c.with}
         SELECT ${ACCOUNT_COLUMNS}
           FROM public.accounts a
           JOIN public.sources src ON src.tenant_id = a.tenant_id AND src.id = a.source_id
          WHERE ${c.where.join(' AND ')}
          ORDER BY a.account_id, a.source_id
          LIMIT ${limit}`,
        c.params,
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: await this.enrich(manager, tenantId, page),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ a: last.account_id, s: last.source_id })
            : null,
      };
    });
  }

  /** One account; in several sources, the one where it is present and was seen last. */
  get(tenantId: TenantId, accountId: string, sourceId: string | undefined): Promise<AccountView> {
    return this.db.run(tenantId, async (manager) => {
      const rows: AccountRow[] = await manager.query(
        `SELECT ${ACCOUNT_COLUMNS}
           FROM public.accounts a
           JOIN public.sources src ON src.tenant_id = a.tenant_id AND src.id = a.source_id
          WHERE a.tenant_id = $1 AND src.deleted_at IS NULL
            AND a.account_id = $2::character(12)
            AND ($3::uuid IS NULL OR a.source_id = $3::uuid)
          ORDER BY (a.removed_at IS NULL) DESC, a.last_seen_at DESC, a.source_id
          LIMIT 1`,
        [tenantId, accountId, sourceId ?? null],
      );
      const [view] = await this.enrich(manager, tenantId, rows);
      if (view === undefined) throw notFound('account', accountId);
      return view;
    });
  }

  /** The OU tree of each live organization source (or of one), with present account counts. */
  tree(tenantId: TenantId, sourceId: string | undefined): Promise<OuTreeView> {
    return this.db.run(tenantId, async (manager) => {
      const sources: { id: string; name: string }[] = await manager.query(
        `SELECT id, name FROM public.sources
          WHERE tenant_id = $1 AND deleted_at IS NULL AND kind = 'organization'
            AND ($2::uuid IS NULL OR id = $2::uuid)
          ORDER BY name, id`,
        [tenantId, sourceId ?? null],
      );
      if (sourceId !== undefined && sources.length === 0) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          'not-found',
          `no organization source with id ${sourceId}`,
        );
      }
      const ids = sources.map((source) => source.id);
      const units: OuDbRow[] = await manager.query(
        `SELECT source_id, ou_id, name, parent_id, path FROM public.organizational_units
          WHERE tenant_id = $1 AND source_id = ANY ($2::uuid[]) AND removed_at IS NULL`,
        [tenantId, ids],
      );
      const counts: { source_id: string; ou_id: string; n: number }[] = await manager.query(
        `SELECT source_id, ou_id, count(*)::int AS n FROM public.accounts
          WHERE tenant_id = $1 AND source_id = ANY ($2::uuid[])
            AND removed_at IS NULL AND ou_id IS NOT NULL
          GROUP BY source_id, ou_id`,
        [tenantId, ids],
      );
      return {
        items: sources.map((source) => ({
          sourceId: source.id,
          sourceName: source.name,
          roots: buildOuTree(
            units.filter((u) => u.source_id === source.id).map(toOuRow),
            new Map(counts.filter((n) => n.source_id === source.id).map((n) => [n.ou_id, n.n])),
          ),
        })),
      };
    });
  }

  /** Adds OU paths (ids and names from the root), the last scan and the posture to each row. */
  private async enrich(
    manager: EntityManager,
    tenantId: TenantId,
    rows: readonly AccountRow[],
  ): Promise<AccountView[]> {
    if (rows.length === 0) return [];
    const sourceIds = [...new Set(rows.filter((r) => r.ou_id !== null).map((r) => r.source_id))];
    const accountIds = rows.map((row) => row.account_id);
    const units: OuDbRow[] =
      sourceIds.length === 0
        ? []
        : await manager.query(
            `SELECT source_id, ou_id, name, parent_id, path FROM public.organizational_units
              WHERE tenant_id = $1 AND source_id = ANY ($2::uuid[])`,
            [tenantId, sourceIds],
          );
    const lastScans: LastScanRow[] = await manager.query(
      `SELECT x.source_id, x.account_id, last.*
         FROM unnest($2::uuid[], $3::character(12)[]) AS x(source_id, account_id)
         CROSS JOIN LATERAL (
           SELECT s.id AS scan_id, s.status AS scan_status, j.status AS job_status,
                  s.requested_at, j.started_at, j.finished_at, j.error_code, j.skip_reason
             FROM public.scans s
             JOIN public.scan_jobs j
               ON j.tenant_id = s.tenant_id AND j.scan_id = s.id
              AND j.scope = 'account' AND j.account_id = x.account_id
            WHERE s.tenant_id = $1 AND s.source_id = x.source_id
            ORDER BY s.requested_at DESC, s.id DESC
            LIMIT 1
         ) last`,
      [tenantId, rows.map((row) => row.source_id), accountIds],
    );
    const posture: PostureRow[] = await manager.query(
      `SELECT DISTINCT ON (account_id, framework)
              account_id, framework, day::text AS day, passed, failed, manual, errored,
              suppressed, score::float8 AS score
         FROM public.posture_snapshots
        WHERE tenant_id = $1 AND account_id = ANY ($2::character(12)[])
        ORDER BY account_id, framework, day DESC`,
      [tenantId, [...new Set(accountIds)]],
    );
    const unitsBySource = new Map<string, Map<string, OuRow>>();
    for (const unit of units) {
      const bySource = unitsBySource.get(unit.source_id) ?? new Map<string, OuRow>();
      bySource.set(unit.ou_id, toOuRow(unit));
      unitsBySource.set(unit.source_id, bySource);
    }
    const scanOf = new Map(lastScans.map((s) => [`${s.source_id}|${s.account_id}`, s]));
    return rows.map((row) => {
      const scan = scanOf.get(`${row.source_id}|${row.account_id}`);
      return {
        accountId: row.account_id,
        name: row.name,
        email: row.email,
        state: row.state,
        sourceId: row.source_id,
        sourceName: row.source_name,
        ouPath: ouAncestry(row.ou_id, unitsBySource.get(row.source_id) ?? new Map()),
        ouPathText: row.ou_path,
        tags: row.tags,
        joinedAt: iso(row.joined_at),
        firstSeenAt: row.first_seen_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
        removedAt: iso(row.removed_at),
        lastScan:
          scan === undefined
            ? null
            : {
                scanId: scan.scan_id,
                scanStatus: scan.scan_status,
                jobStatus: scan.job_status,
                requestedAt: scan.requested_at.toISOString(),
                startedAt: iso(scan.started_at),
                finishedAt: iso(scan.finished_at),
                errorCode: scan.error_code,
                skipReason: scan.skip_reason,
              },
        posture: posture
          .filter((p) => p.account_id === row.account_id)
          .map((p) => ({
            framework: p.framework,
            day: p.day,
            passed: p.passed,
            failed: p.failed,
            manual: p.manual,
            errored: p.errored,
            suppressed: p.suppressed,
            score: p.score,
          })),
      };
    });
  }
}

function toOuRow(row: OuDbRow): OuRow {
  return { ouId: row.ou_id, name: row.name, parentId: row.parent_id, path: row.path };
}
