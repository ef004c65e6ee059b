// The findings list's SQL on a seeded table of 200,000 findings (200 accounts, each scanned in
// one burst, as jobs deliver them), planned and run as the service role under RLS: each page
// and count must be served by an index, reading a few hundred buffers at most, wherever it is
// in the table. A regression here (a filter that no longer matches an index, a keyset that
// stops seeking) shows as a sequential scan or thousands of buffers.
import {
  openTestDataSources,
  parseTenantId,
  setTenant,
  type TenantId,
  type TestDataSources,
} from '@palisade/persistence';
import { randomUUID } from 'node:crypto';
import {
  type FindingSort,
  pageStatement,
  type ResolvedFilters,
  SORT_COLUMNS,
  type Statement,
  totalsStatement,
} from './findings-query';

const ROWS = 200_000;
const ACCOUNTS = 200;
const PER_ACCOUNT = ROWS / ACCOUNTS;
const account = (i: number) => String(100_000_000_000 + i);

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface Explained {
  indexes: Set<string>;
  nodeTypes: Set<string>;
  buffers: number;
  rows: Record<string, unknown>[];
}

function walkPlan(node: PlanNode, into: Explained): void {
  into.nodeTypes.add(node['Node Type']);
  if (node['Index Name']) into.indexes.add(node['Index Name']);
  for (const child of node.Plans ?? []) walkPlan(child, into);
}

describe('findings list SQL on 200,000 findings (real Postgres, service role, RLS)', () => {
  let ctx: TestDataSources;
  let tenant: TenantId;
  let other: TenantId;

  beforeAll(async () => {
    ctx = await openTestDataSources();
    tenant = parseTenantId(randomUUID());
    other = parseTenantId(randomUUID());
    for (const id of [tenant, other]) {
      await ctx.owner.query(`INSERT INTO public.tenants (id, slug, name) VALUES ($1, $2, $2)`, [
        id,
        `t-${id.slice(0, 8)}`,
      ]);
    }
    // Account a is scanned at base - a × 7 min (its results share a few batch times), checks
    // round-robin, ~30% failing, 1% suppressed by a rule; one finding in 7 is Inspector2's.
    await ctx.owner.query(
      `INSERT INTO public.findings (tenant_id, uid, kind, account_id, region, check_id,
         resource_uid, resource_type, title, severity, status, compliance, suppressed_by,
         source_suppressed, first_seen_at, last_seen_at, state_at, resolved_at, scan_id, job_id,
         ocsf)
       SELECT $1::uuid, encode(sha256(($4::text || '|' || n)::bytea), 'hex'),
              CASE WHEN n % 7 = 0 THEN 'inspector' ELSE 'check' END,
              (100000000000 + n / $2)::text,
              (ARRAY['global','eu-west-1','us-east-1','ap-southeast-2'])[1 + n % 4],
              CASE WHEN n % 7 = 0 THEN NULL ELSE 'check_' || (n % 80) || '_x' END,
              'arn:aws:s3:::bucket-' || n, 'AwsS3Bucket', 'finding ' || (n % 80),
              (ARRAY['critical','high','medium','medium','low','informational'])[1 + n % 6],
              s.status,
              CASE WHEN n % 7 = 0 THEN NULL WHEN s.status IN ('new','in_progress') THEN 'FAIL'
                   ELSE 'PASS' END,
              CASE WHEN n % 100 = 0 THEN '00000000-0000-4000-8000-000000000001'::uuid END,
              false,
              t.seen - interval '30 days' + make_interval(secs => n % 1000), t.seen, t.seen,
              CASE WHEN s.status = 'resolved' THEN t.seen END,
              gen_random_uuid(), gen_random_uuid(), '{}'
         FROM generate_series(0, $3 - 1) n
         CROSS JOIN LATERAL (SELECT (ARRAY['compliant','compliant','new','in_progress',
                'in_progress','resolved','compliant','compliant','compliant','compliant'])
                [1 + (n / 3) % 10] AS status) s
         CROSS JOIN LATERAL (SELECT timestamptz '2030-01-01T00:00:00Z'
                - make_interval(mins => (n / $2) * 7) + make_interval(secs => (n % $2) / 500)
                AS seen) t`,
      [tenant, PER_ACCOUNT, ROWS, tenant],
    );
    // Another tenant's findings, interleaved in the same indexes.
    await ctx.owner.query(
      `INSERT INTO public.findings (tenant_id, uid, kind, account_id, region, check_id,
         resource_uid, resource_type, title, severity, status, compliance, first_seen_at,
         last_seen_at, state_at, scan_id, job_id, ocsf)
       SELECT $1::uuid, encode(sha256(($2::text || '|' || n)::bytea), 'hex'), 'check',
              (100000000000 + n % 200)::text, 'global', 'check_1_x', 'arn:aws:s3:::b-' || n,
              'AwsS3Bucket', 'other', 'high', 'new', 'FAIL', now(), now(), now(),
              gen_random_uuid(), gen_random_uuid(), '{}'
         FROM generate_series(1, 20000) n`,
      [other, other],
    );
    await ctx.owner.query('VACUUM ANALYZE public.findings');
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
  });

  async function explain(statement: Statement, as: TenantId = tenant): Promise<Explained> {
    return ctx.service.transaction(async (manager) => {
      await setTenant(manager, as);
      if (statement.avoidSeqScan) {
        await manager.query(`SELECT set_config('enable_seqscan', 'off', true)`);
      }
      const [row] = await manager.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`,
        statement.params,
      );
      const plan = row?.['QUERY PLAN'][0].Plan;
      if (!plan) throw new Error('no plan');
      const explained: Explained = {
        indexes: new Set(),
        nodeTypes: new Set(),
        buffers: (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0),
        rows: [],
      };
      walkPlan(plan, explained);
      explained.rows = await manager.query<Record<string, unknown>[]>(
        statement.sql,
        statement.params,
      );
      return explained;
    });
  }

  const none: ResolvedFilters = { accounts: null, checks: null };

  /** The position of the n-th finding of a listing (0-based), as a cursor carries it. */
  async function positionAt(
    filters: ResolvedFilters,
    sort: FindingSort,
    n: number,
  ): Promise<(string | number)[]> {
    const statement = pageStatement(tenant, filters, sort, n + 1, null);
    const order = SORT_COLUMNS[sort].map((c) => `${c.alias} ${c.dir}`).join(', ');
    const [row] = await ctx.service.transaction(async (manager) => {
      await setTenant(manager, tenant);
      return manager.query<Record<string, unknown>[]>(
        `SELECT * FROM (${statement.sql}) page ORDER BY ${order} OFFSET ${n}`,
        statement.params,
      );
    });
    if (!row) throw new Error(`fewer than ${n + 1} rows`);
    return SORT_COLUMNS[sort].map((c) =>
      c.alias === 'last_seen_at'
        ? (row['last_seen_key'] as string)
        : c.alias === 'first_seen_at'
          ? (row['first_seen_key'] as string)
          : (row[c.alias] as string | number),
    );
  }

  const cases: {
    name: string;
    filters?: Partial<ResolvedFilters>;
    sort?: FindingSort;
    deep?: number;
    index: string;
    maxBuffers: number;
  }[] = [
    { name: 'first page', index: 'findings_last_seen_idx', maxBuffers: 60 },
    {
      name: 'page 2,001 (100,000 deep)',
      deep: 100_000,
      index: 'findings_last_seen_idx',
      maxBuffers: 60,
    },
    {
      name: 'open critical and high',
      filters: { status: ['new', 'in_progress'], severity: ['critical', 'high'] },
      index: 'findings_last_seen_idx',
      maxBuffers: 1000,
    },
    {
      name: 'open critical and high, 20,000 deep',
      filters: { status: ['new', 'in_progress'], severity: ['critical', 'high'] },
      deep: 20_000,
      index: 'findings_last_seen_idx',
      maxBuffers: 1000,
    },
    {
      name: 'one account (scanned long ago), open',
      filters: { accounts: [account(190)], status: ['new', 'in_progress'] },
      index: 'findings_api_account_last_seen_idx',
      maxBuffers: 400,
    },
    {
      name: 'one check',
      filters: { checks: ['check_7_x'] },
      index: 'findings_api_check_last_seen_idx',
      maxBuffers: 200,
    },
    {
      name: 'one resource',
      filters: { resourceUid: 'arn:aws:s3:::bucket-123457' },
      index: 'findings_api_resource_idx',
      maxBuffers: 20,
    },
    {
      name: 'suppressed',
      filters: { suppressed: true },
      index: 'findings_api_suppressed_idx',
      maxBuffers: 200,
    },
    {
      name: 'sort -severity, 100,000 deep',
      sort: '-severity',
      deep: 100_000,
      index: 'findings_api_severity_idx',
      maxBuffers: 200,
    },
    {
      name: 'sort severity',
      sort: 'severity',
      index: 'findings_api_severity_idx',
      maxBuffers: 200,
    },
    {
      name: 'sort firstSeenAt, 100,000 deep',
      sort: 'firstSeenAt',
      deep: 100_000,
      index: 'findings_api_first_seen_idx',
      maxBuffers: 200,
    },
    {
      name: 'sort lastSeenAt (ascending)',
      sort: 'lastSeenAt',
      index: 'findings_last_seen_idx',
      maxBuffers: 60,
    },
  ];

  it.each(cases)(
    'should serve a page ($name) from $index, without a sequential scan',
    async ({ filters, sort = '-lastSeenAt', deep, index, maxBuffers }) => {
      const resolved = { ...none, ...filters };
      const after = deep === undefined ? null : await positionAt(resolved, sort, deep - 1);
      const page = await explain(pageStatement(tenant, resolved, sort, 51, after));
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.nodeTypes).not.toContain('Seq Scan');
      expect([...page.indexes]).toContain(index);
      expect(page.buffers).toBeLessThanOrEqual(maxBuffers);
    },
  );

  it('should walk a page boundary inside a run of equal sort keys without a gap or a repeat', async () => {
    // Account 0's 1,000 findings share two last-seen times: 500-long runs of ties.
    const filters = { ...none, accounts: [account(0)] };
    const seen: string[] = [];
    let after: (string | number)[] | null = null;
    for (;;) {
      const { rows } = await explain(pageStatement(tenant, filters, '-lastSeenAt', 101, after));
      const page = rows.slice(0, 100);
      seen.push(...page.map((r) => r['uid'] as string));
      if (rows.length <= 100) break;
      const last = page[page.length - 1] as Record<string, unknown>;
      after = [last['last_seen_key'] as string, last['uid'] as string];
    }
    expect(seen).toHaveLength(PER_ACCOUNT);
    expect(new Set(seen).size).toBe(PER_ACCOUNT);
  });

  // A count reads one buffer per counted row at worst (heap fetches where the visibility map
  // is stale); the planner may pick an index-only scan, a bitmap scan or, for the tenant that
  // fills most of the table, a sequential scan that stops at the 1,001st row.
  it.each([
    ['every finding', {}, 1_001],
    [
      'open critical and high',
      { status: ['new', 'in_progress'], severity: ['critical', 'high'] },
      1_001,
    ],
    ['one check', { checks: ['check_7_x'] }, 1_001],
    ['one account', { accounts: [account(190)] }, PER_ACCOUNT],
  ] as const)('should count %s, stopping one past 1,000', async (_, filters, n) => {
    const totals = await explain(totalsStatement(tenant, { ...none, ...filters }));
    expect(totals.rows[0]?.['n']).toBe(n);
    expect(totals.buffers).toBeLessThanOrEqual(1_200);
  });

  it('should count a small tenant whose findings come last in the table without reading the big one’s', async () => {
    const totals = await explain(totalsStatement(other, none), other);
    expect(totals.rows[0]?.['n']).toBe(1_001);
    expect(totals.buffers).toBeLessThanOrEqual(1_200);
    const page = await explain(pageStatement(other, none, '-lastSeenAt', 51, null), other);
    expect(page.rows).toHaveLength(51);
    expect(page.buffers).toBeLessThanOrEqual(200);
  });
});
