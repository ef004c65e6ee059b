import { ProblemException } from '../http/problem';
import {
  containsPattern,
  decodeFindingsCursor,
  encodeFindingsCursor,
  facetsStatement,
  filterConditions,
  filtersDigest,
  pageStatement,
  type ResolvedFilters,
  SqlParams,
  totalsStatement,
} from './findings-query';

const TENANT = '0b6f1a52-6a8e-4f43-9d8e-2f4b0c2d9a11';
const none: ResolvedFilters = { accounts: null, checks: null };
const UID = 'a'.repeat(64);

function problemOf(fn: () => unknown): { status: number; detail: string; field?: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProblemException) {
      return { status: error.getStatus(), detail: error.message, field: error.errors?.[0]?.field };
    }
    throw error;
  }
  throw new Error('expected a problem');
}

describe('containsPattern', () => {
  it.each([
    ['root', '%root%'],
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
  ])('should make %s a literal substring pattern', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});

describe('filterConditions', () => {
  it('should start with the tenant and add nothing without filters', () => {
    const params = new SqlParams();
    expect(filterConditions(TENANT, none, params)).toEqual(['f.tenant_id = $1::uuid']);
    expect(params.values).toEqual([TENANT]);
  });

  it('should use an equality for one value and = ANY for several, cast to the column type', () => {
    const params = new SqlParams();
    const where = filterConditions(
      TENANT,
      { ...none, accounts: ['111111111111'], status: ['new', 'in_progress'] },
      params,
    );
    expect(where).toEqual([
      'f.tenant_id = $1::uuid',
      'f.status = ANY ($2::text[])',
      'f.account_id = $3::character(12)',
    ]);
    expect(params.values).toEqual([TENANT, ['new', 'in_progress'], '111111111111']);
  });

  it('should keep an empty resolved list (an OU without accounts matches nothing)', () => {
    const params = new SqlParams();
    const where = filterConditions(TENANT, { ...none, accounts: [] }, params);
    expect(where).toContain('f.account_id = ANY ($2::character(12)[])');
    expect(params.values[1]).toEqual([]);
  });

  it('should express suppressed, ranges, kind and text as parameters', () => {
    const params = new SqlParams();
    const from = new Date('2030-01-01T00:00:00Z');
    const where = filterConditions(
      TENANT,
      { ...none, suppressed: true, lastSeenFrom: from, kind: 'check', text: '50%' },
      params,
    );
    expect(where).toEqual([
      'f.tenant_id = $1::uuid',
      'f.last_seen_at >= $2::timestamptz',
      '(f.suppressed_by IS NOT NULL OR f.source_suppressed)',
      'f.kind = $3::text',
      "(f.title ILIKE $4::text ESCAPE '\\' OR f.resource_uid ILIKE $4::text ESCAPE '\\' OR f.check_id ILIKE $4::text ESCAPE '\\')",
    ]);
    expect(params.values).toEqual([TENANT, from, 'check', '%50\\%%']);
    expect(filterConditions(TENANT, { ...none, suppressed: false }, new SqlParams())).toContain(
      'f.suppressed_by IS NULL AND NOT f.source_suppressed',
    );
  });
});

describe('pageStatement', () => {
  it('should read limit rows in the sort order on the first page', () => {
    const { sql, params } = pageStatement(TENANT, none, '-lastSeenAt', 51, null);
    expect(sql).toMatch(/ORDER BY f\.last_seen_at DESC, f\.uid ASC\s+LIMIT \$2::integer$/);
    expect(sql).not.toContain('UNION ALL');
    expect(params).toEqual([TENANT, 51]);
  });

  it('should continue after a position with one index range per sort column, deepest first', () => {
    const at = '2030-01-10T12:00:00.000000Z';
    const { sql, params } = pageStatement(TENANT, none, '-severity', 11, [4, at, UID]);
    const branches = sql.split('UNION ALL');
    expect(branches).toHaveLength(3);
    expect(branches[0]).toContain(
      "AND (CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'informational' THEN 1 ELSE 0 END) = $3::integer",
    );
    expect(branches[0]).toContain('AND f.last_seen_at = $4::timestamptz');
    expect(branches[0]).toContain('AND f.uid > $5::character(64)');
    expect(branches[1]).toContain('AND f.last_seen_at < $4::timestamptz');
    expect(branches[1]).not.toContain('f.uid >');
    expect(branches[2]).toMatch(/ELSE 0 END\) < \$3::integer/);
    expect(sql).toMatch(
      /\) page\s+ORDER BY severity_rank DESC, last_seen_at DESC, uid ASC\s+LIMIT \$2::integer$/,
    );
    expect(params).toEqual([TENANT, 11, 4, at, UID]);
  });

  it('should turn the comparisons around for an ascending sort', () => {
    const at = '2030-01-10T12:00:00.000000Z';
    const { sql } = pageStatement(TENANT, none, 'firstSeenAt', 5, [at, UID]);
    const [tie, after] = sql.split('UNION ALL');
    expect(tie).toContain('AND f.first_seen_at = $3::timestamptz');
    expect(tie).toContain('AND f.uid < $4::character(64)');
    expect(after).toContain('AND f.first_seen_at > $3::timestamptz');
    expect(sql).toMatch(/ORDER BY first_seen_at ASC, uid DESC\s+LIMIT \$2::integer$/);
  });
});

describe('totals and facets statements', () => {
  it('should count at most one past the cap', () => {
    const { sql, params } = totalsStatement(TENANT, { ...none, severity: ['high'] });
    expect(sql).toContain('LIMIT $3::integer');
    expect(params).toEqual([TENANT, 'high', 1_001]);
  });

  it('should count from an index, unless a text filter may have to read every row anyway', () => {
    expect(totalsStatement(TENANT, none).avoidSeqScan).toBe(true);
    expect(totalsStatement(TENANT, { ...none, text: 'root' }).avoidSeqScan).toBe(false);
  });

  it('should group the matching findings by severity and status', () => {
    expect(facetsStatement(TENANT, none).sql).toMatch(/GROUP BY f\.severity, f\.status$/);
  });
});

describe('findings cursors', () => {
  const digest = filtersDigest({ severity: ['high', 'critical'], accountId: ['111111111111'] });
  const at = '2030-01-10T12:00:00.123456Z';

  it('should digest filters as sets, and tell different filters apart', () => {
    expect(filtersDigest({ accountId: ['111111111111'], severity: ['critical', 'high'] })).toBe(
      digest,
    );
    expect(filtersDigest({ severity: ['high'], accountId: ['111111111111'] })).not.toBe(digest);
    expect(filtersDigest({ severity: undefined })).toBe(filtersDigest({}));
    expect(filtersDigest({ lastSeenFrom: new Date(0) })).not.toBe(
      filtersDigest({ lastSeenFrom: new Date(1) }),
    );
  });

  it('should give back the position it carries for the same sort and filters', () => {
    const cursor = encodeFindingsCursor('-lastSeenAt', digest, [at, UID]);
    expect(decodeFindingsCursor(cursor, '-lastSeenAt', digest)).toEqual([at, UID]);
  });

  it('should refuse it for another sort or other filters, naming query.cursor', () => {
    const cursor = encodeFindingsCursor('-lastSeenAt', digest, [at, UID]);
    expect(problemOf(() => decodeFindingsCursor(cursor, 'lastSeenAt', digest))).toEqual({
      status: 400,
      field: 'query.cursor',
      detail: expect.stringContaining('sort=-lastSeenAt') as string,
    });
    expect(
      problemOf(() => decodeFindingsCursor(cursor, '-lastSeenAt', 'f'.repeat(16))).detail,
    ).toContain('other filters');
  });

  it.each([
    ['garbage', 'not base64 json'],
    ['wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad timestamp', encodeFindingsCursor('-lastSeenAt', digest, ['2030-01-10', UID])],
    ['a bad uid', encodeFindingsCursor('-lastSeenAt', digest, [at, 'x'])],
    ['a position of another length', encodeFindingsCursor('-lastSeenAt', digest, [5, at, UID])],
  ])('should refuse %s', (_, cursor) => {
    const problem = problemOf(() => decodeFindingsCursor(cursor, '-lastSeenAt', digest));
    expect(problem).toMatchObject({ status: 400, field: 'query.cursor' });
  });

  it('should check the key of a severity cursor column by column', () => {
    const good = encodeFindingsCursor('-severity', digest, [5, at, UID]);
    expect(decodeFindingsCursor(good, '-severity', digest)).toEqual([5, at, UID]);
    const bad = encodeFindingsCursor('-severity', digest, [6, at, UID]);
    expect(problemOf(() => decodeFindingsCursor(bad, '-severity', digest)).status).toBe(400);
  });
});
