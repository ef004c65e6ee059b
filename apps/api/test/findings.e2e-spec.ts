import { randomUUID } from 'node:crypto';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';
import {
  type FindingSeed,
  seedFindings,
  type SeededFinding,
  seedHistory,
  seedInventory,
} from './support/findings-seed';

interface Item {
  uid: string;
  kind: string;
  title: string;
  severity: string;
  status: string;
  compliance: string | null;
  account: { id: string; name: string | null };
  region: string;
  checkId: string | null;
  resource: { uid: string; type: string };
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  suppressed: { ruleId: string } | null;
  sourceSuppressed: boolean;
}

interface Page {
  items: Item[];
  nextCursor: string | null;
  totals: { value: number; relation: 'eq' | 'gte' };
  facets?: { severity: Record<string, number>; status: Record<string, number> };
}

interface HistoryItem {
  id: string;
  change: string | null;
  fromStatus: string | null;
  toStatus: string;
  suppressedBy: string | null;
  at: string;
}

interface Detail extends Item {
  ocsf: {
    class_uid: number;
    status_id: number;
    status: string;
    status_detail?: string;
    activity_id: number;
    type_uid: number;
    finding_info: { uid: string; first_seen_time: number; last_seen_time: number };
    compliance?: { status: string; control: string };
  };
  history: { items: HistoryItem[]; next: string | null };
}

interface Problem {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: { field: string; detail: string }[];
}

const A1 = '111111111111';
const A2 = '222222222222';
const A3 = '333333333333';
const A4 = '444444444444';
const ROOT = 'r-ab12';
const PROD = 'ou-ab12-prod0001';
const WEB = 'ou-ab12-web00001';
const DEV = 'ou-ab12-dev00001';
const CIS = 'cis-aws-foundations-v7.0.0';
const T = new Date('2030-01-10T12:00:00.000Z');
const daysAgo = (n: number) => new Date(T.getTime() - n * 86_400_000);
const RULE = randomUUID();

const RANK: Record<string, number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  informational: 1,
  unknown: 0,
};

/** The documented order of each sort; the uid runs against the leading direction. */
function comparator(sort: string): (a: SeededFinding, b: SeededFinding) => number {
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '');
  return (a, b) => {
    const keys: [number, number][] =
      key === 'severity'
        ? [
            [RANK[a.severity] ?? 0, RANK[b.severity] ?? 0],
            [a.lastSeenAt.getTime(), b.lastSeenAt.getTime()],
          ]
        : key === 'firstSeenAt'
          ? [[a.firstSeenAt.getTime(), b.firstSeenAt.getTime()]]
          : [[a.lastSeenAt.getTime(), b.lastSeenAt.getTime()]];
    for (const [x, y] of keys) if (x !== y) return desc ? y - x : x - y;
    if (a.uid === b.uid) return 0;
    return (a.uid < b.uid ? -1 : 1) * (desc ? 1 : -1);
  };
}

describe('findings routes (/v1/findings)', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let reader: string;
  let seeded: SeededFinding[];
  let others: SeededFinding[];

  const get = (path: string, key = reader) =>
    api.request().get(path).set('Authorization', `Bearer ${key}`);

  /** Every item of a listing, following nextCursor. */
  async function walk(query: string, key = reader): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const path = `/v1/findings?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await get(path, key);
      expect(response.status).toBe(200);
      const page = response.body as Page;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (cursor === null) return items;
    }
    throw new Error('more than 100 pages');
  }

  const uids = (items: readonly { uid: string }[]) => items.map((i) => i.uid).sort();
  const expected = (predicate: (f: SeededFinding) => boolean) => uids(seeded.filter(predicate));

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant('findings-a');
    other = await api.createTenant('findings-b');
    reader = await api.createKey(tenant.tenantId, ['findings:read']);
    await seedInventory(
      api,
      tenant.tenantId,
      [
        { ouId: ROOT, name: 'Root', parentId: null, path: '/Root' },
        { ouId: PROD, name: 'Prod', parentId: ROOT, path: '/Root/Prod' },
        { ouId: WEB, name: 'Web', parentId: PROD, path: '/Root/Prod/Web' },
        { ouId: DEV, name: 'Dev', parentId: ROOT, path: '/Root/Dev' },
      ],
      [
        { accountId: A1, name: 'web-prod', ouId: WEB },
        { accountId: A2, name: 'prod', ouId: PROD },
        { accountId: A3, name: 'dev', ouId: DEV },
      ],
    );
    const seeds: FindingSeed[] = [
      {
        accountId: A1,
        checkId: 'iam_root_mfa_enabled',
        compliance: 'FAIL',
        resourceUid: `arn:aws:iam::${A1}:account`,
        firstSeenAt: daysAgo(5),
        lastSeenAt: T,
      },
      {
        accountId: A1,
        checkId: 'iam_root_access_key_absent',
        compliance: 'PASS',
        resourceUid: `arn:aws:iam::${A1}:account`,
        lastSeenAt: T,
      },
      {
        accountId: A1,
        checkId: 's3_bucket_public_access_block',
        compliance: 'FAIL',
        status: 'in_progress',
        resourceUid: 'arn:aws:s3:::logs-bucket_100%',
        firstSeenAt: daysAgo(10),
        lastSeenAt: T,
      },
      {
        accountId: A1,
        checkId: 's3_bucket_public_access_block',
        compliance: 'FAIL',
        status: 'in_progress',
        resourceUid: 'arn:aws:s3:::bucket-1000',
        firstSeenAt: daysAgo(10),
        lastSeenAt: T,
      },
      {
        accountId: A2,
        checkId: 's3_bucket_public_access_block',
        compliance: 'FAIL',
        status: 'in_progress',
        suppressedBy: RULE,
        resourceUid: 'arn:aws:s3:::data-bucket',
        firstSeenAt: daysAgo(3),
        lastSeenAt: daysAgo(1),
      },
      {
        accountId: A2,
        region: 'eu-west-1',
        checkId: 'ec2_instance_imdsv2_required',
        compliance: 'FAIL',
        resourceUid: `arn:aws:ec2:eu-west-1:${A2}:instance/i-0abc1234def567890`,
        lastSeenAt: daysAgo(1),
      },
      {
        accountId: A3,
        region: 'us-east-1',
        checkId: 'ec2_instance_imdsv2_required',
        compliance: 'FAIL',
        resourceUid: `arn:aws:ec2:us-east-1:${A3}:instance/i-0fff1234def567890`,
        firstSeenAt: daysAgo(6),
        lastSeenAt: daysAgo(2),
        resolvedAt: daysAgo(2),
      },
      {
        accountId: A3,
        checkId: 'account_contact_details_current',
        compliance: 'MANUAL',
        resourceUid: `arn:aws:iam::${A3}:account`,
        lastSeenAt: T,
      },
      {
        accountId: A3,
        checkId: 'iam_root_mfa_enabled',
        compliance: 'ERROR',
        resourceUid: `arn:aws:iam::${A3}:account`,
        lastSeenAt: daysAgo(3),
      },
      {
        kind: 'inspector',
        accountId: A4,
        region: 'eu-west-1',
        title: 'CVE-2030-0001 - openssl',
        severity: 'HIGH',
        resourceType: 'AWS_EC2_INSTANCE',
        resourceId: 'i-0inspector000001',
        firstSeenAt: daysAgo(7),
        lastSeenAt: T,
      },
      {
        kind: 'inspector',
        accountId: A1,
        region: 'us-east-1',
        title: 'CVE-2030-0002 - glibc',
        severity: 'CRITICAL',
        resourceType: 'AWS_ECR_CONTAINER_IMAGE',
        resourceId: `arn:aws:ecr:us-east-1:${A1}:repository/app/sha256:0abc`,
        status: 'in_progress',
        sourceSuppressed: true,
        firstSeenAt: daysAgo(4),
        lastSeenAt: daysAgo(1),
      },
      // Twelve findings sharing their first and last seen times (and severity): ties to page through.
      ...Array.from({ length: 12 }, (_, i): FindingSeed => ({
        accountId: A2,
        checkId: 's3_bucket_public_access_block',
        compliance: i % 2 === 0 ? 'PASS' : 'FAIL',
        resourceUid: `arn:aws:s3:::bucket-tie-${String(i).padStart(2, '0')}`,
        firstSeenAt: daysAgo(4),
        lastSeenAt: T,
      })),
    ];
    seeded = await seedFindings(api, tenant.tenantId, seeds);
    others = await seedFindings(api, other.tenantId, [
      { accountId: A1, checkId: 'iam_root_mfa_enabled', compliance: 'FAIL', lastSeenAt: T },
      {
        accountId: A2,
        checkId: 's3_bucket_public_access_block',
        compliance: 'FAIL',
        lastSeenAt: T,
      },
      {
        kind: 'inspector',
        accountId: A1,
        region: 'eu-west-1',
        title: 'CVE-2030-0001 - openssl',
        severity: 'HIGH',
        resourceType: 'AWS_EC2_INSTANCE',
        resourceId: 'i-0inspector000001',
        lastSeenAt: T,
      },
    ]);
  });

  afterAll(async () => {
    await api?.close();
  });

  const byResource = (resourceUid: string): SeededFinding => {
    const found = seeded.find((f) => f.resourceUid === resourceUid);
    if (!found) throw new Error(`no seeded finding on ${resourceUid}`);
    return found;
  };

  describe('GET /v1/findings', () => {
    it('should list the tenant’s findings, newest first, with every field of an item', async () => {
      const response = await get('/v1/findings?limit=500');
      expect(response.status).toBe(200);
      const page = response.body as Page;
      expect(uids(page.items)).toEqual(uids(seeded));
      expect(page.totals).toEqual({ value: seeded.length, relation: 'eq' });
      expect(page.nextCursor).toBeNull();
      expect(page.facets).toBeUndefined();
      const suppressed = byResource('arn:aws:s3:::data-bucket');
      expect(page.items.find((i) => i.uid === suppressed.uid)).toEqual({
        uid: suppressed.uid,
        kind: 'check',
        title: 'S3 Block Public Access is enabled for every bucket (account or bucket level)',
        severity: 'high',
        status: 'in_progress',
        compliance: 'FAIL',
        account: { id: A2, name: 'prod' },
        region: 'global',
        checkId: 's3_bucket_public_access_block',
        resource: { uid: 'arn:aws:s3:::data-bucket', type: 'AwsS3Bucket' },
        firstSeenAt: daysAgo(3).toISOString(),
        lastSeenAt: daysAgo(1).toISOString(),
        resolvedAt: null,
        suppressed: { ruleId: RULE },
        sourceSuppressed: false,
      });
      const inspector = seeded.find((f) => f.accountId === A4);
      expect(page.items.find((i) => i.uid === inspector?.uid)).toMatchObject({
        kind: 'inspector',
        title: 'CVE-2030-0001 - openssl',
        severity: 'high',
        compliance: null,
        checkId: null,
        account: { id: A4, name: null },
        resource: { uid: 'i-0inspector000001', type: 'AWS_EC2_INSTANCE' },
        suppressed: null,
      });
    });

    it('should never show another tenant’s findings, and show that tenant only its own', async () => {
      const mine = uids(await walk('limit=7'));
      for (const f of others) expect(mine).not.toContain(f.uid);
      const theirs = await walk('limit=2', other.key);
      expect(uids(theirs)).toEqual(uids(others));
    });

    const filters: [string, (f: SeededFinding) => boolean][] = [
      ['status=new&status=in_progress', (f) => ['new', 'in_progress'].includes(f.status)],
      ['status=new,in_progress', (f) => ['new', 'in_progress'].includes(f.status)],
      ['status=resolved', (f) => f.status === 'resolved'],
      ['severity=critical', (f) => f.severity === 'critical'],
      ['severity=high&severity=critical', (f) => ['high', 'critical'].includes(f.severity)],
      [`accountId=${A2}`, (f) => f.accountId === A2],
      [`accountId=${A1},${A3}`, (f) => [A1, A3].includes(f.accountId)],
      [`ouId=${PROD}`, (f) => [A1, A2].includes(f.accountId)],
      [`ouId=${WEB}`, (f) => f.accountId === A1],
      [`ouId=${ROOT}`, (f) => [A1, A2, A3].includes(f.accountId)],
      [`ouId=${PROD}&accountId=${A2},${A3}`, (f) => f.accountId === A2],
      ['region=eu-west-1', (f) => f.region === 'eu-west-1'],
      ['region=us-east-1,eu-west-1', (f) => ['us-east-1', 'eu-west-1'].includes(f.region)],
      [
        'checkId=s3_bucket_public_access_block',
        (f) => f.checkId === 's3_bucket_public_access_block',
      ],
      [`framework=${CIS}`, (f) => f.kind === 'check'],
      [`framework=${CIS}&requirement=2.5`, (f) => f.checkId === 'iam_root_mfa_enabled'],
      [`framework=${CIS}&requirement=2.5&checkId=ec2_instance_imdsv2_required`, () => false],
      ['resourceType=AWS_EC2_INSTANCE', (f) => f.resourceType === 'AWS_EC2_INSTANCE'],
      [
        'resourceType=AwsAccount,AwsEc2Instance',
        (f) => ['AwsAccount', 'AwsEc2Instance'].includes(f.resourceType),
      ],
      [
        `resourceUid=${encodeURIComponent('arn:aws:s3:::data-bucket')}`,
        (f) => f.resourceUid === 'arn:aws:s3:::data-bucket',
      ],
      [
        `firstSeenFrom=${daysAgo(5).toISOString()}`,
        (f) => f.firstSeenAt.getTime() >= daysAgo(5).getTime(),
      ],
      [
        `firstSeenTo=${daysAgo(5).toISOString()}`,
        (f) => f.firstSeenAt.getTime() < daysAgo(5).getTime(),
      ],
      [
        `lastSeenFrom=${daysAgo(1).toISOString()}&lastSeenTo=${T.toISOString()}`,
        (f) => f.lastSeenAt.getTime() >= daysAgo(1).getTime() && f.lastSeenAt < T,
      ],
      ['suppressed=true', (f) => f.suppressedBy !== null || f.sourceSuppressed],
      ['suppressed=false', (f) => f.suppressedBy === null && !f.sourceSuppressed],
      ['kind=inspector', (f) => f.kind === 'inspector'],
      ['kind=check', (f) => f.kind === 'check'],
      ['text=ROOT', (f) => /root/i.test(`${f.title} ${f.resourceUid} ${f.checkId ?? ''}`)],
      ['text=imdsv2', (f) => /imdsv2/i.test(`${f.title} ${f.resourceUid} ${f.checkId ?? ''}`)],
      ['text=openssl', (f) => f.title.includes('openssl')],
      // % and _ are literal: "_100%" is in one resource uid; as a pattern it would match bucket-1000.
      [`text=${encodeURIComponent('_100%')}`, (f) => f.resourceUid.includes('_100%')],
      [
        `status=new,in_progress&severity=critical,high&accountId=${A1}`,
        (f) =>
          ['new', 'in_progress'].includes(f.status) &&
          ['critical', 'high'].includes(f.severity) &&
          f.accountId === A1,
      ],
    ];

    it.each(filters)('should narrow to exactly the matching findings: %s', async (query, match) => {
      const want = expected(match);
      expect(want.length).toBeLessThan(seeded.length);
      const items = await walk(`${query}&limit=3`);
      expect(uids(items)).toEqual(want);
      const first = (await get(`/v1/findings?${query}&limit=3`)).body as Page;
      expect(first.totals).toEqual({ value: want.length, relation: 'eq' });
    });

    it('should find something with most filters (the table above is not vacuous)', () => {
      const empty = filters.filter(([, match]) => expected(match).length === 0).map(([q]) => q);
      expect(empty).toEqual([
        `framework=${CIS}&requirement=2.5&checkId=ec2_instance_imdsv2_required`,
      ]);
    });

    it('should count the matching findings by severity and status with include=facets', async () => {
      const response = await get(`/v1/findings?accountId=${A1},${A2}&include=facets&limit=1`);
      expect(response.status).toBe(200);
      const page = response.body as Page;
      const mine = seeded.filter((f) => [A1, A2].includes(f.accountId));
      const count = (key: 'severity' | 'status', value: string) =>
        mine.filter((f) => f[key] === value).length;
      expect(page.facets?.severity).toEqual({
        critical: count('severity', 'critical'),
        high: count('severity', 'high'),
        medium: count('severity', 'medium'),
        low: count('severity', 'low'),
        informational: count('severity', 'informational'),
        unknown: count('severity', 'unknown'),
      });
      expect(page.facets?.status).toEqual({
        new: count('status', 'new'),
        in_progress: count('status', 'in_progress'),
        resolved: count('status', 'resolved'),
        compliant: count('status', 'compliant'),
        manual: count('status', 'manual'),
        error: count('status', 'error'),
      });
      expect(page.totals).toEqual({ value: mine.length, relation: 'eq' });
    });

    it.each(['-lastSeenAt', 'lastSeenAt', '-firstSeenAt', 'firstSeenAt', '-severity', 'severity'])(
      'should walk every finding exactly once, in order, through ties, with sort=%s',
      async (sort) => {
        const items = await walk(`sort=${sort}&limit=4`);
        expect(items.map((i) => i.uid)).toEqual(
          [...seeded].sort(comparator(sort)).map((f) => f.uid),
        );
      },
    );

    it('should walk a filtered listing through ties without losing or repeating a finding', async () => {
      const items = await walk(`accountId=${A2}&sort=-lastSeenAt&limit=2`);
      expect(items.map((i) => i.uid)).toEqual(
        seeded
          .filter((f) => f.accountId === A2)
          .sort(comparator('-lastSeenAt'))
          .map((f) => f.uid),
      );
    });

    it('should default to -lastSeenAt and 50 items per page', async () => {
      const page = (await get('/v1/findings')).body as Page;
      expect(page.items.map((i) => i.uid)).toEqual(
        [...seeded].sort(comparator('-lastSeenAt')).map((f) => f.uid),
      );
    });

    it('should refuse a cursor it did not issue, or one issued for another sort or other filters', async () => {
      const first = (await get('/v1/findings?sort=-severity&severity=high,critical&limit=2'))
        .body as Page;
      expect(first.nextCursor).not.toBeNull();
      const cursor = encodeURIComponent(first.nextCursor ?? '');
      const cases: [string, RegExp][] = [
        ['cursor=not-a-cursor', /not a cursor this API issued/],
        [
          `cursor=${Buffer.from('{"s":"-severity","f":"x","k":[]}').toString('base64url')}`,
          /not a cursor/,
        ],
        [`cursor=${cursor}&sort=severity&severity=high,critical`, /sort=-severity/],
        [`cursor=${cursor}&severity=high,critical`, /sort=-severity/],
        [`cursor=${cursor}&sort=-severity&severity=high`, /other filters/],
        [`cursor=${cursor}&sort=-severity`, /other filters/],
      ];
      for (const [query, detail] of cases) {
        const response = await get(`/v1/findings?${query}`);
        expect(response.status).toBe(400);
        const problem = response.body as Problem;
        expect(problem.errors?.[0]?.field).toBe('query.cursor');
        expect(problem.detail).toMatch(detail);
      }
      const next = await get(
        `/v1/findings?cursor=${cursor}&severity=critical,high&sort=-severity&limit=2`,
      );
      expect(next.status).toBe(200);
    });

    it('should refuse a cursor whose position was tampered with', async () => {
      const first = (await get('/v1/findings?limit=1')).body as Page;
      const position = JSON.parse(
        Buffer.from(first.nextCursor ?? '', 'base64url').toString('utf8'),
      ) as { s: string; f: string; k: unknown[] };
      for (const k of [
        ['yesterday', 'x'],
        [1, 2],
        ['2030-01-10T12:00:00.000000Z', 'g'.repeat(64)],
      ]) {
        const forged = Buffer.from(JSON.stringify({ ...position, k })).toString('base64url');
        const response = await get(`/v1/findings?cursor=${forged}`);
        expect(response.status).toBe(400);
        expect((response.body as Problem).errors?.[0]?.field).toBe('query.cursor');
      }
    });

    it.each([
      ['severity=bogus', 'query.severity'],
      ['severity=high,bogus', 'query.severity'],
      ['status=open', 'query.status'],
      ['status=', 'query.status'],
      ['accountId=1234', 'query.accountId'],
      ['ouId=ou-x', 'query.ouId'],
      ['region=mars', 'query.region'],
      ['checkId=Not-A-Check', 'query.checkId'],
      ['resourceType=a%20b', 'query.resourceType'],
      ['firstSeenFrom=yesterday', 'query.firstSeenFrom'],
      ['lastSeenTo=2030-02-30', 'query.lastSeenTo'],
      ['lastSeenFrom=2030-01-02T00:00:00Z&lastSeenTo=2030-01-01T00:00:00Z', 'query.lastSeenTo'],
      ['firstSeenFrom=0001-01-01T00:00:00Z', 'query.firstSeenFrom'],
      // A range whose end failed is still checked without a crash (was a 500).
      ['firstSeenFrom=2030-01-01T00:00:00Z&firstSeenTo=0001-01-01T00:00:00Z', 'query.firstSeenTo'],
      ['lastSeenFrom=2030-01-01T00:00:00Z&lastSeenTo=null', 'query.lastSeenTo'],
      ['framework=a,b&requirement=2.5', 'query.framework'],
      ['suppressed=maybe', 'query.suppressed'],
      ['kind=cve', 'query.kind'],
      ['sort=title', 'query.sort'],
      ['sort=-uid', 'query.sort'],
      ['limit=0', 'query.limit'],
      ['limit=501', 'query.limit'],
      ['limit=ten', 'query.limit'],
      ['framework=nist-800-53', 'query.framework'],
      ['requirement=2.5', 'query.requirement'],
      [`framework=${CIS}&requirement=99.9`, 'query.requirement'],
      ['text=', 'query.text'],
      ['text=a%00b', 'query.text'],
      [`text=${'x'.repeat(201)}`, 'query.text'],
      ['resourceUid=a%00b', 'query.resourceUid'],
      ['include=everything', 'query.include'],
      ['kind=check&kind=inspector', 'query.kind'],
    ])('should refuse %s with 400 naming %s', async (query, field) => {
      const response = await get(`/v1/findings?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.body as Problem;
      expect(
        problem.errors?.some((e) => e.field === field || e.field.startsWith(`${field}.`)),
      ).toBe(true);
    });

    it('should refuse an unknown parameter, naming it', async () => {
      const response = await get('/v1/findings?severty=high');
      expect(response.status).toBe(400);
      expect((response.body as Problem).detail).toContain('severty');
    });

    it('should refuse a key without findings:read, and accept an admin key', async () => {
      const writer = await api.createKey(tenant.tenantId, ['scans:write']);
      expect((await get('/v1/findings', writer)).status).toBe(403);
      expect((await get('/v1/findings', tenant.key)).status).toBe(200);
    });

    it('should say `gte` past 1,000 matches, and still count facets exactly', async () => {
      const big = await api.createTenant('findings-big');
      await api.sql(
        `INSERT INTO public.findings (tenant_id, uid, kind, account_id, region, check_id,
           resource_uid, resource_type, title, severity, status, compliance, first_seen_at,
           last_seen_at, state_at, scan_id, job_id, ocsf)
         SELECT $1, encode(sha256(('big|' || n)::bytea), 'hex'), 'check', '555555555555',
                'global', 'iam_root_mfa_enabled', 'arn:aws:iam::555555555555:user/u' || n,
                'AwsIamUser', 'a finding', CASE WHEN n % 2 = 0 THEN 'high' ELSE 'low' END,
                'new', 'FAIL', now(), now(), now(), gen_random_uuid(), gen_random_uuid(), '{}'
           FROM generate_series(1, 1001) n`,
        [big.tenantId],
      );
      const response = await get('/v1/findings?limit=1&include=facets', big.key);
      expect(response.status).toBe(200);
      const page = response.body as Page;
      expect(page.totals).toEqual({ value: 1000, relation: 'gte' });
      expect(page.facets?.severity).toMatchObject({ high: 500, low: 501 });
      const narrowed = (await get('/v1/findings?limit=1&severity=high', big.key)).body as Page;
      expect(narrowed.totals).toEqual({ value: 500, relation: 'eq' });
    });
  });

  describe('GET /v1/findings/{uid}', () => {
    it('should serve the item with its OCSF document, the lifecycle of the row overlaid', async () => {
      const f = byResource('arn:aws:s3:::data-bucket');
      const response = await get(`/v1/findings/${f.uid}`);
      expect(response.status).toBe(200);
      const detail = response.body as Detail;
      expect(detail).toMatchObject({
        uid: f.uid,
        status: 'in_progress',
        suppressed: { ruleId: RULE },
        account: { id: A2, name: 'prod' },
      });
      // Stored as first observed (new, not suppressed); served as the row is now.
      expect(detail.ocsf).toMatchObject({
        class_uid: 2003,
        status_id: 3,
        status: 'Suppressed',
        status_detail: RULE,
        activity_id: 2,
        type_uid: 200302,
        finding_info: {
          uid: f.uid,
          first_seen_time: daysAgo(3).getTime(),
          last_seen_time: daysAgo(1).getTime(),
        },
        compliance: { status: 'Fail', control: 's3_bucket_public_access_block' },
      });
      expect(detail.history).toEqual({ items: [], next: null });
    });

    it('should close a resolved finding’s document, and name Inspector’s own suppression', async () => {
      const resolved = seeded.find((f) => f.status === 'resolved');
      const closed = (await get(`/v1/findings/${resolved?.uid ?? ''}`)).body as Detail;
      expect(closed.ocsf).toMatchObject({ status_id: 4, status: 'Resolved', activity_id: 3 });
      expect(closed.resolvedAt).toBe(daysAgo(2).toISOString());
      const inspector = seeded.find((f) => f.sourceSuppressed);
      const vuln = (await get(`/v1/findings/${inspector?.uid ?? ''}`)).body as Detail;
      expect(vuln.ocsf).toMatchObject({
        class_uid: 2002,
        status_id: 3,
        status_detail: 'inspector2',
      });
      expect(vuln.sourceSuppressed).toBe(true);
    });

    it('should embed the newest 100 history entries and link to the rest', async () => {
      const f = seeded[0] as SeededFinding;
      const statuses = ['new', 'in_progress', 'resolved'] as const;
      await seedHistory(
        api,
        tenant.tenantId,
        f.uid,
        Array.from({ length: 105 }, (_, i) => ({
          change: i === 0 ? ('new' as const) : null,
          fromStatus: i === 0 ? null : (statuses[(i - 1) % 3] ?? null),
          toStatus: statuses[i % 3] as (typeof statuses)[number],
          at: new Date(daysAgo(30).getTime() + i * 60_000),
        })),
      );
      const detail = (await get(`/v1/findings/${f.uid}`)).body as Detail;
      expect(detail.history.items).toHaveLength(100);
      const ats = detail.history.items.map((h) => h.at);
      expect(ats[0]).toBe(new Date(daysAgo(30).getTime() + 104 * 60_000).toISOString());
      expect([...ats].sort().reverse()).toEqual(ats);
      expect(detail.history.next).toMatch(new RegExp(`^/v1/findings/${f.uid}/history\\?cursor=`));
      const rest = await get(detail.history.next ?? '');
      expect(rest.status).toBe(200);
      const restPage = rest.body as { items: HistoryItem[]; nextCursor: string | null };
      expect(restPage.items.map((h) => h.at)).toEqual(
        [4, 3, 2, 1, 0].map((i) => new Date(daysAgo(30).getTime() + i * 60_000).toISOString()),
      );
      expect(restPage.items[4]).toMatchObject({ change: 'new', fromStatus: null, toStatus: 'new' });
      expect(restPage.nextCursor).toBeNull();

      const all: HistoryItem[] = [];
      let cursor: string | null = null;
      do {
        const response = await get(
          `/v1/findings/${f.uid}/history?limit=40${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(response.status).toBe(200);
        const page = response.body as { items: HistoryItem[]; nextCursor: string | null };
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(all.map((h) => h.id)).toEqual([
        ...detail.history.items.map((h) => h.id),
        ...restPage.items.map((h) => h.id),
      ]);
      expect(new Set(all.map((h) => h.id)).size).toBe(105);
    });

    it('should accept an upper-case uid as the same finding', async () => {
      const f = seeded[1] as SeededFinding;
      const response = await get(`/v1/findings/${f.uid.toUpperCase()}`);
      expect(response.status).toBe(200);
      expect((response.body as Detail).uid).toBe(f.uid);
    });

    it('should answer 404 alike for another tenant’s uid and for a uid nobody has', async () => {
      const theirs = await get(`/v1/findings/${others[0]?.uid ?? ''}`);
      const nobody = await get(`/v1/findings/${'0'.repeat(64)}`);
      for (const response of [theirs, nobody]) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
      }
      expect((theirs.body as Problem).type).toBe((nobody.body as Problem).type);
      const history = await get(`/v1/findings/${others[0]?.uid ?? ''}/history`);
      expect(history.status).toBe(404);
    });

    it.each(['xyz', 'g'.repeat(64), 'a'.repeat(63), 'a'.repeat(65)])(
      'should refuse the uid %s with 400 naming param.uid',
      async (uid) => {
        for (const path of [`/v1/findings/${uid}`, `/v1/findings/${uid}/history`]) {
          const response = await get(path);
          expect(response.status).toBe(400);
          expect((response.body as Problem).errors?.[0]?.field).toBe('param.uid');
        }
      },
    );

    it('should refuse a history cursor of another finding or not issued by the API', async () => {
      const [a, b] = [seeded[2], seeded[3]] as [SeededFinding, SeededFinding];
      await seedHistory(api, tenant.tenantId, b.uid, [
        { change: 'new', fromStatus: null, toStatus: 'new', at: daysAgo(10) },
        { change: null, fromStatus: 'new', toStatus: 'in_progress', at: daysAgo(9) },
      ]);
      const first = (await get(`/v1/findings/${b.uid}/history?limit=1`)).body as {
        items: HistoryItem[];
        nextCursor: string | null;
      };
      expect(first.items).toHaveLength(1);
      const cursor = first.nextCursor ?? '';
      expect((await get(`/v1/findings/${b.uid}/history?cursor=${cursor}`)).status).toBe(200);
      for (const path of [
        `/v1/findings/${a.uid}/history?cursor=${cursor}`,
        `/v1/findings/${a.uid}/history?cursor=nope`,
      ]) {
        const response = await get(path);
        expect(response.status).toBe(400);
        expect((response.body as Problem).errors?.[0]?.field).toBe('query.cursor');
      }
    });

    it('should refuse a key without findings:read', async () => {
      const writer = await api.createKey(tenant.tenantId, ['scans:write']);
      const uid = seeded[0]?.uid ?? '';
      expect((await get(`/v1/findings/${uid}`, writer)).status).toBe(403);
      expect((await get(`/v1/findings/${uid}/history`, writer)).status).toBe(403);
    });
  });
});
