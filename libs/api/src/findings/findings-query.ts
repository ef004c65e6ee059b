// The SQL of the findings list, built from validated filters: every value is a parameter, every
// filter a condition an index of the findings table can serve (see the api-read-indexes
// migration), and pages are keyset pages on the sort key and the uid.
import { createHash } from 'node:crypto';
import { type FindingSeverity, type FindingStatus } from '@palisade/findings';
import { z } from 'zod';
import { badRequest } from '../http/problem';

/** Most severe first. */
export const FINDING_SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
  'unknown',
] as const satisfies readonly FindingSeverity[];

/**
 * The severity as a rank (critical 5 … unknown 0). Written exactly as the expression of
 * `findings_api_severity_idx`: the planner matches the index by this expression.
 */
export const SEVERITY_RANK_SQL = `(CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'informational' THEN 1 ELSE 0 END)`;

export const FINDING_SORTS = [
  '-lastSeenAt',
  'lastSeenAt',
  '-firstSeenAt',
  'firstSeenAt',
  '-severity',
  'severity',
] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

type KeyType = 'timestamp' | 'rank' | 'uid';

interface SortColumn {
  /** The expression sorted on. */
  readonly sql: string;
  /** Its name in the page's select list (the outer ORDER BY of a keyset page uses it). */
  readonly alias: string;
  readonly dir: 'ASC' | 'DESC';
  readonly type: KeyType;
}

const asc = (sql: string, alias: string, type: KeyType): SortColumn => ({
  sql,
  alias,
  dir: 'ASC',
  type,
});
const desc = (sql: string, alias: string, type: KeyType): SortColumn => ({
  sql,
  alias,
  dir: 'DESC',
  type,
});

const LAST_SEEN = ['f.last_seen_at', 'last_seen_at', 'timestamp'] as const;
const FIRST_SEEN = ['f.first_seen_at', 'first_seen_at', 'timestamp'] as const;
const RANK = [SEVERITY_RANK_SQL, 'severity_rank', 'rank'] as const;
const UID = ['f.uid', 'uid', 'uid'] as const;

/**
 * Each sort's columns, the uid last. The uid runs against the leading key (descending sorts
 * break ties by ascending uid) so that every sort walks one index, forwards or backwards:
 * `findings_last_seen_idx (tenant_id, last_seen_at DESC, uid)` and the api-read-indexes ones.
 */
export const SORT_COLUMNS: Readonly<Record<FindingSort, readonly SortColumn[]>> = {
  '-lastSeenAt': [desc(...LAST_SEEN), asc(...UID)],
  lastSeenAt: [asc(...LAST_SEEN), desc(...UID)],
  '-firstSeenAt': [desc(...FIRST_SEEN), asc(...UID)],
  firstSeenAt: [asc(...FIRST_SEEN), desc(...UID)],
  '-severity': [desc(...RANK), desc(...LAST_SEEN), asc(...UID)],
  severity: [asc(...RANK), asc(...LAST_SEEN), desc(...UID)],
};

/** What a request filters on, as validated (before OUs and frameworks are resolved). */
export interface FindingFilters {
  readonly status?: readonly FindingStatus[];
  readonly severity?: readonly FindingSeverity[];
  readonly accountId?: readonly string[];
  readonly ouId?: readonly string[];
  readonly region?: readonly string[];
  readonly checkId?: readonly string[];
  readonly framework?: string;
  readonly requirement?: string;
  readonly resourceType?: readonly string[];
  readonly resourceUid?: string;
  readonly firstSeenFrom?: Date;
  readonly firstSeenTo?: Date;
  readonly lastSeenFrom?: Date;
  readonly lastSeenTo?: Date;
  readonly suppressed?: boolean;
  readonly kind?: 'check' | 'inspector';
  readonly text?: string;
}

/** The filters with OUs turned into accounts and framework / requirement into checks. */
export interface ResolvedFilters extends FindingFilters {
  /** Accounts the finding must be in (the accountId list, narrowed to the OUs'); null: any. */
  readonly accounts: readonly string[] | null;
  /** Checks the finding must be of (checkId, narrowed to the framework's); null: any. */
  readonly checks: readonly string[] | null;
}

/** Positional parameters of one statement. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** `%text%` for ILIKE, with the pattern characters of `text` escaped (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE conditions of the filters; the tenant first (the RLS policy checks it too). Array
 * parameters are cast to their column's type so the indexes serve them.
 */
export function filterConditions(
  tenantId: string,
  filters: ResolvedFilters,
  params: SqlParams,
): string[] {
  const where = [`f.tenant_id = ${params.add(tenantId, 'uuid')}`];
  // One value is an equality, not `= ANY`: only then can an index on (…, column, sort key)
  // return its rows in sort order (one account's page, one check's page).
  const anyOf = (column: string, values: readonly string[] | undefined, cast: string) => {
    if (values === undefined) return;
    where.push(
      values.length === 1
        ? `${column} = ${params.add(values[0], cast)}`
        : `${column} = ANY (${params.add([...values], `${cast}[]`)})`,
    );
  };
  anyOf('f.status', filters.status, 'text');
  anyOf('f.severity', filters.severity, 'text');
  anyOf('f.account_id', filters.accounts ?? undefined, 'character(12)');
  anyOf('f.region', filters.region, 'text');
  anyOf('f.check_id', filters.checks ?? undefined, 'text');
  anyOf('f.resource_type', filters.resourceType, 'text');
  if (filters.resourceUid !== undefined) {
    where.push(`f.resource_uid = ${params.add(filters.resourceUid, 'text')}`);
  }
  const range = (column: string, from: Date | undefined, to: Date | undefined) => {
    if (from !== undefined) where.push(`${column} >= ${params.add(from, 'timestamptz')}`);
    if (to !== undefined) where.push(`${column} < ${params.add(to, 'timestamptz')}`);
  };
  range('f.first_seen_at', filters.firstSeenFrom, filters.firstSeenTo);
  range('f.last_seen_at', filters.lastSeenFrom, filters.lastSeenTo);
  if (filters.suppressed === true) {
    where.push('(f.suppressed_by IS NOT NULL OR f.source_suppressed)');
  } else if (filters.suppressed === false) {
    where.push('f.suppressed_by IS NULL AND NOT f.source_suppressed');
  }
  if (filters.kind !== undefined) where.push(`f.kind = ${params.add(filters.kind, 'text')}`);
  if (filters.text !== undefined) {
    const pattern = params.add(containsPattern(filters.text), 'text');
    where.push(
      `(f.title ILIKE ${pattern} ESCAPE '\\' OR f.resource_uid ILIKE ${pattern} ESCAPE '\\'` +
        ` OR f.check_id ILIKE ${pattern} ESCAPE '\\')`,
    );
  }
  return where;
}

/** The columns of a list item, and the sort key as text (timestamps to the microsecond). */
const ITEM_COLUMNS = `f.uid, f.kind, f.title, f.severity, f.status, f.compliance, f.account_id,
       f.region, f.check_id, f.resource_uid, f.resource_type, f.first_seen_at, f.last_seen_at,
       f.resolved_at, f.suppressed_by, f.source_suppressed, ${SEVERITY_RANK_SQL} AS severity_rank,
       to_char(f.first_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS first_seen_key,
       to_char(f.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_seen_key`;

/** The cursor value of a sort column, read from a page row. */
export function keyOf(column: SortColumn, row: FindingPageRow): string | number {
  switch (column.alias) {
    case 'last_seen_at':
      return row.last_seen_key;
    case 'first_seen_at':
      return row.first_seen_key;
    case 'severity_rank':
      return row.severity_rank;
    default:
      return row.uid;
  }
}

export interface FindingPageRow {
  uid: string;
  kind: 'check' | 'inspector';
  title: string;
  severity: FindingSeverity;
  status: FindingStatus;
  compliance: 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR' | null;
  account_id: string;
  region: string;
  check_id: string | null;
  resource_uid: string;
  resource_type: string;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  suppressed_by: string | null;
  source_suppressed: boolean;
  severity_rank: number;
  first_seen_key: string;
  last_seen_key: string;
}

const CASTS: Record<KeyType, string> = {
  timestamp: 'timestamptz',
  rank: 'integer',
  uid: 'character(64)',
};

function orderBy(columns: readonly SortColumn[], name: 'sql' | 'alias'): string {
  return columns.map((c) => `${c[name]} ${c.dir}`).join(', ');
}

export interface Statement {
  readonly sql: string;
  readonly params: unknown[];
  /**
   * Run with `enable_seqscan` off (transaction-local): the statement stops after a few rows,
   * and the planner costs a sequential scan as if the tenant's rows were spread evenly through
   * the table; those of a tenant whose rows come after a bigger tenant's are not.
   */
  readonly avoidSeqScan?: boolean;
}

/**
 * One page: `limit` rows after `after` (the previous page's last sort key, uid last) in the
 * sort's order. A keyset position over k columns is the union of k index range scans, each
 * bounded by `limit`: equal on the first j columns and strictly after on the next one (deepest
 * first), so ties on the sort key are walked by uid and no row is skipped or repeated.
 */
export function pageStatement(
  tenantId: string,
  filters: ResolvedFilters,
  sort: FindingSort,
  limit: number,
  after: readonly (string | number)[] | null,
): Statement {
  const columns = SORT_COLUMNS[sort];
  const params = new SqlParams();
  const where = filterConditions(tenantId, filters, params);
  const lim = params.add(limit, 'integer');
  const select = (extra: string[]) =>
    `SELECT ${ITEM_COLUMNS}
       FROM public.findings f
      WHERE ${[...where, ...extra].join('\n        AND ')}
      ORDER BY ${orderBy(columns, 'sql')}
      LIMIT ${lim}`;
  if (after === null) return { sql: select([]), params: params.values };
  if (after.length !== columns.length)
    throw new Error('a cursor position has one value per column');
  const values = columns.map((c, i) => params.add(after[i], CASTS[c.type]));
  const branches: string[] = [];
  for (let j = columns.length - 1; j >= 0; j--) {
    const bound = columns.slice(0, j).map((c, i) => `${c.sql} = ${values[i] as string}`);
    const column = columns[j] as SortColumn;
    bound.push(`${column.sql} ${column.dir === 'ASC' ? '>' : '<'} ${values[j] as string}`);
    branches.push(`(${select(bound)})`);
  }
  return {
    sql: `SELECT * FROM (${branches.join('\n UNION ALL ')}) page
           ORDER BY ${orderBy(columns, 'alias')}
           LIMIT ${lim}`,
    params: params.values,
  };
}

/**
 * Counts are exact up to this many matches; beyond, `{ value: TOTALS_CAP, relation: 'gte' }`.
 * The count reads up to this many index entries (and heap rows where the visibility map is
 * stale, as it is after every scan rewrites its findings): at 10,000 it cost as much as the
 * page itself; at 1,000 it stays under a millisecond or two. `include=facets` counts exactly.
 */
export const TOTALS_CAP = 1_000;

/**
 * How many findings match, counting at most TOTALS_CAP + 1, from an index: a sequential scan
 * stopping at the 1,001st row is cheap only where the tenant's rows come early in the table. A
 * text filter (ILIKE: no index can serve it under RLS) keeps the planner's choice, since it
 * may have to read every row of the tenant.
 */
export function totalsStatement(tenantId: string, filters: ResolvedFilters): Statement {
  const params = new SqlParams();
  const where = filterConditions(tenantId, filters, params);
  return {
    sql: `SELECT count(*)::int AS n FROM (
            SELECT 1 FROM public.findings f WHERE ${where.join(' AND ')}
             LIMIT ${params.add(TOTALS_CAP + 1, 'integer')}) matching`,
    params: params.values,
    avoidSeqScan: filters.text === undefined,
  };
}

/** The matching findings counted by severity and status (exact). */
export function facetsStatement(tenantId: string, filters: ResolvedFilters): Statement {
  const params = new SqlParams();
  const where = filterConditions(tenantId, filters, params);
  return {
    sql: `SELECT f.severity, f.status, count(*)::int AS n
            FROM public.findings f WHERE ${where.join(' AND ')}
           GROUP BY f.severity, f.status`,
    params: params.values,
  };
}

const TIMESTAMP_KEY = /^\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UID_KEY = /^[0-9a-f]{64}$/;

const cursorSchema = z.strictObject({
  /** The sort it continues. */
  s: z.enum(FINDING_SORTS),
  /** The filters it continues (a digest). */
  f: z.string().regex(/^[0-9a-f]{16}$/),
  /** The last row's sort key, uid last. */
  k: z
    .array(z.union([z.string().max(64), z.number().int()]))
    .min(2)
    .max(3),
});

function validKey(type: KeyType, value: string | number): boolean {
  switch (type) {
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP_KEY.test(value);
    case 'rank':
      return typeof value === 'number' && value >= 0 && value <= 5;
    case 'uid':
      return typeof value === 'string' && UID_KEY.test(value);
  }
}

/** A stable digest of the filters (arrays as sets), which a cursor carries. */
export function filtersDigest(filters: FindingFilters): string {
  const canonical = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]): [string, unknown] => [
      key,
      Array.isArray(value)
        ? [...new Set(value as string[])].sort()
        : value instanceof Date
          ? value.toISOString()
          : value,
    ])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

export function encodeFindingsCursor(
  sort: FindingSort,
  digest: string,
  key: readonly (string | number)[],
): string {
  return Buffer.from(JSON.stringify({ s: sort, f: digest, k: key }), 'utf8').toString('base64url');
}

/**
 * The position a cursor carries, checked against the request: a cursor continues the sort and
 * filters it was issued for, and nothing else (400 naming `query.cursor`).
 */
export function decodeFindingsCursor(
  cursor: string,
  sort: FindingSort,
  digest: string,
): (string | number)[] {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('query.cursor', 'not a cursor this API issued');
  }
  const parsed = cursorSchema.safeParse(raw);
  const columns = SORT_COLUMNS[sort];
  if (!parsed.success) throw badRequest('query.cursor', 'not a cursor this API issued');
  if (parsed.data.s !== sort) {
    throw badRequest(
      'query.cursor',
      `this cursor continues sort=${parsed.data.s}; send that sort, or no cursor to start over`,
    );
  }
  if (parsed.data.f !== digest) {
    throw badRequest(
      'query.cursor',
      'this cursor continues other filters; send the same filters, or no cursor to start over',
    );
  }
  const key = parsed.data.k;
  if (key.length !== columns.length || !columns.every((c, i) => validKey(c.type, key[i] ?? ''))) {
    throw badRequest('query.cursor', 'not a cursor this API issued');
  }
  return key;
}
