import { Injectable } from '@nestjs/common';
import {
  applyLifecycle,
  FINDING_STATUSES,
  type FindingStatus,
  type OcsfFinding,
} from '@palisade/findings';
import { type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { FRAMEWORK_CATALOG } from '../compliance/framework-catalog';
import { accountsInOus } from '../compliance/inventory';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { badRequest, notFound } from '../http/problem';
import { TenantDb } from '../tenancy/tenant-db';
import {
  DETAIL_HISTORY,
  type FindingDetail,
  type FindingItem,
  type FindingsPage,
  type FindingsQuery,
  type HistoryEntry,
  type HistoryPage,
} from './findings.dto';
import {
  decodeFindingsCursor,
  encodeFindingsCursor,
  facetsStatement,
  type FindingFilters,
  type FindingPageRow,
  FINDING_SEVERITIES,
  filtersDigest,
  keyOf,
  pageStatement,
  type ResolvedFilters,
  SORT_COLUMNS,
  type Statement,
  TOTALS_CAP,
  totalsStatement,
} from './findings-query';

interface DetailRow extends FindingPageRow {
  ocsf: OcsfFinding;
}

interface HistoryRow {
  id: string;
  change: HistoryEntry['change'];
  from_status: FindingStatus | null;
  to_status: FindingStatus;
  suppressed_by: string | null;
  scan_id: string | null;
  job_id: string | null;
  observed_at: Date;
  at: Date;
}

const historyCursor = z.strictObject({
  u: z.string().regex(/^[0-9a-f]{64}$/),
  id: z.string().regex(/^[1-9][0-9]{0,18}$/),
});

function intersect(a: readonly string[] | undefined, b: readonly string[]): readonly string[] {
  if (a === undefined) return b;
  const keep = new Set(b);
  return a.filter((x) => keep.has(x));
}

function itemOf(row: FindingPageRow, names: ReadonlyMap<string, string>): FindingItem {
  return {
    uid: row.uid,
    kind: row.kind,
    title: row.title,
    severity: row.severity,
    status: row.status,
    compliance: row.compliance,
    account: { id: row.account_id, name: names.get(row.account_id) ?? null },
    region: row.region,
    checkId: row.check_id,
    resource: { uid: row.resource_uid, type: row.resource_type },
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    suppressed: row.suppressed_by === null ? null : { ruleId: row.suppressed_by },
    sourceSuppressed: row.source_suppressed,
  };
}

function historyEntryOf(row: HistoryRow): HistoryEntry {
  return {
    id: String(row.id),
    change: row.change,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    suppressedBy: row.suppressed_by,
    scanId: row.scan_id,
    jobId: row.job_id,
    observedAt: row.observed_at.toISOString(),
    at: row.at.toISOString(),
  };
}

/** Runs a statement; one that avoids sequential scans turns them off for the rest of the transaction. */
async function run<T>(manager: EntityManager, statement: Statement): Promise<T[]> {
  if (statement.avoidSeqScan) {
    await manager.query(`SELECT set_config('enable_seqscan', 'off', true)`);
  }
  return manager.query<T[]>(statement.sql, statement.params);
}

/** The findings list, one finding with its OCSF document, and its history. */
@Injectable()
export class FindingsService {
  constructor(private readonly db: TenantDb) {}

  async list(tenantId: TenantId, query: FindingsQuery): Promise<FindingsPage> {
    const { sort, limit, cursor, include, ...rest } = query;
    const filters: FindingFilters = rest;
    const digest = filtersDigest(filters);
    const after = cursor === undefined ? null : decodeFindingsCursor(cursor, sort, digest);
    return this.db.run(tenantId, async (manager) => {
      const resolved = await this.resolve(manager, tenantId, filters);
      const rows = await run<FindingPageRow>(
        manager,
        pageStatement(tenantId, resolved, sort, limit + 1, after),
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > limit && last
          ? encodeFindingsCursor(
              sort,
              digest,
              SORT_COLUMNS[sort].map((column) => keyOf(column, last)),
            )
          : null;
      const names = await this.accountNames(manager, tenantId, page);
      const facets = include?.includes('facets')
        ? await this.facets(manager, tenantId, resolved)
        : undefined;
      // Last: it turns sequential scans off for the rest of the transaction.
      const [counted] = await run<{ n: number }>(manager, totalsStatement(tenantId, resolved));
      const n = counted?.n ?? 0;
      const result: FindingsPage = {
        items: page.map((row) => itemOf(row, names)),
        nextCursor,
        totals:
          n > TOTALS_CAP ? { value: TOTALS_CAP, relation: 'gte' } : { value: n, relation: 'eq' },
      };
      if (facets) result.facets = facets;
      return result;
    });
  }

  async get(tenantId: TenantId, uid: string): Promise<FindingDetail> {
    return this.db.run(tenantId, async (manager) => {
      const [row] = await manager.query<DetailRow[]>(
        `SELECT f.uid, f.kind, f.title, f.severity, f.status, f.compliance, f.account_id, f.region,
                f.check_id, f.resource_uid, f.resource_type, f.first_seen_at, f.last_seen_at,
                f.resolved_at, f.suppressed_by, f.source_suppressed, f.ocsf
           FROM public.findings f
          WHERE f.tenant_id = $1 AND f.uid = $2::character(64)`,
        [tenantId, uid],
      );
      if (!row) throw notFound('finding', uid);
      const history = await this.historyRows(manager, tenantId, uid, null, DETAIL_HISTORY + 1);
      const shown = history.slice(0, DETAIL_HISTORY);
      const lastShown = shown[shown.length - 1];
      const names = await this.accountNames(manager, tenantId, [row]);
      const ocsf = applyLifecycle(row.ocsf, {
        status: row.status,
        suppressedBy: row.suppressed_by,
        sourceSuppressed: row.source_suppressed,
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
        resolvedAt: row.resolved_at,
      });
      return {
        ...itemOf(row, names),
        ocsf,
        history: {
          items: shown.map(historyEntryOf),
          next:
            history.length > DETAIL_HISTORY && lastShown
              ? `/v1/findings/${uid}/history?cursor=${encodeCursor({ u: uid, id: String(lastShown.id) })}`
              : null,
        },
      };
    });
  }

  async history(
    tenantId: TenantId,
    uid: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<HistoryPage> {
    let before: string | null = null;
    if (page.cursor !== undefined) {
      const position = decodeCursor(page.cursor, historyCursor);
      if (position.u !== uid) {
        throw badRequest('query.cursor', 'this cursor continues the history of another finding');
      }
      before = position.id;
    }
    return this.db.run(tenantId, async (manager) => {
      const found = await manager.query<unknown[]>(
        `SELECT 1 FROM public.findings WHERE tenant_id = $1 AND uid = $2::character(64)`,
        [tenantId, uid],
      );
      if (found.length === 0) throw notFound('finding', uid);
      const rows = await this.historyRows(manager, tenantId, uid, before, page.limit + 1);
      const shown = rows.slice(0, page.limit);
      const last = shown[shown.length - 1];
      return {
        items: shown.map(historyEntryOf),
        nextCursor:
          rows.length > page.limit && last ? encodeCursor({ u: uid, id: String(last.id) }) : null,
      };
    });
  }

  /** OUs become the accounts now under them, framework / requirement the checks they map. */
  private async resolve(
    manager: EntityManager,
    tenantId: TenantId,
    filters: FindingFilters,
  ): Promise<ResolvedFilters> {
    let accounts: readonly string[] | null = filters.accountId ?? null;
    if (filters.ouId !== undefined) {
      accounts = intersect(filters.accountId, await accountsInOus(manager, tenantId, filters.ouId));
    }
    let checks: readonly string[] | null = filters.checkId ?? null;
    if (filters.framework !== undefined) {
      const mapped = FRAMEWORK_CATALOG.checksOf(filters.framework, filters.requirement) ?? [];
      checks = intersect(filters.checkId, mapped);
    }
    return { ...filters, accounts, checks };
  }

  private async facets(
    manager: EntityManager,
    tenantId: TenantId,
    filters: ResolvedFilters,
  ): Promise<NonNullable<FindingsPage['facets']>> {
    const rows = await run<{ severity: string; status: string; n: number }>(
      manager,
      facetsStatement(tenantId, filters),
    );
    const severity = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as Record<
      (typeof FINDING_SEVERITIES)[number],
      number
    >;
    const status = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<
      FindingStatus,
      number
    >;
    for (const row of rows) {
      if (row.severity in severity) severity[row.severity as keyof typeof severity] += row.n;
      if (row.status in status) status[row.status as FindingStatus] += row.n;
    }
    return { severity, status };
  }

  /** Inventory names of the accounts of these rows (the present entry first). */
  private async accountNames(
    manager: EntityManager,
    tenantId: TenantId,
    rows: readonly { account_id: string }[],
  ): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.account_id))];
    if (ids.length === 0) return new Map();
    const found = await manager.query<{ account_id: string; name: string }[]>(
      `SELECT DISTINCT ON (account_id) account_id, name
         FROM public.accounts
        WHERE tenant_id = $1 AND account_id = ANY ($2::character(12)[])
        ORDER BY account_id, (removed_at IS NULL) DESC, last_seen_at DESC`,
      [tenantId, ids],
    );
    return new Map(found.map((r) => [r.account_id, r.name]));
  }

  private historyRows(
    manager: EntityManager,
    tenantId: TenantId,
    uid: string,
    before: string | null,
    limit: number,
  ): Promise<HistoryRow[]> {
    return manager.query<HistoryRow[]>(
      `SELECT h.id::text AS id, h.change, h.from_status, h.to_status, h.suppressed_by, h.scan_id,
              h.job_id, h.observed_at, h.at
         FROM public.finding_history h
        WHERE h.tenant_id = $1 AND h.finding_uid = $2::character(64)
          AND ($3::bigint IS NULL OR h.id < $3::bigint)
        ORDER BY h.id DESC
        LIMIT $4`,
      [tenantId, uid, before, limit],
    );
  }
}
