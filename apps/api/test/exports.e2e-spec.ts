import { parseCsv, validateAsffWithBotocore } from '@palisade/testing';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ALL_CHECKS } from '@palisade/checks';
import { type Response } from 'supertest';
import { type SeededFinding, seedFindings, T1 } from './exports/seed-findings';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

const RULE_ID = '5b0c7c9e-2f0a-4a53-9a3e-0c1f8f6d2b41';
const HOSTILE = '=HYPERLINK("http://evil.example"),"quoted"\r\nsecond line';
const BIG = 20_000;
const MiB = 1024 * 1024;

interface Download {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

interface OcsfLine {
  class_uid: number;
  status_id: number;
  status: string;
  status_detail?: string;
  activity_id: number;
  metadata: { tenant_uid: string };
  finding_info: { uid: string; last_seen_time: number };
}

interface AsffDocument {
  Findings: {
    Id: string;
    AwsAccountId: string;
    ProductArn: string;
    Workflow: { Status: string };
  }[];
}

/** `global.gc`, exposed at run time (jest runs without --expose-gc). */
function exposeGc(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

describe('GET /v1/exports/findings', () => {
  let api: ApiTestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let readKey: string;
  let seeded: SeededFinding[];
  let otherSeeded: SeededFinding[];

  const download = async (query: string, key: string): Promise<Download> => {
    const response: Response = await api
      .request()
      .get(`/v1/exports/findings?${query}`)
      .set('Authorization', `Bearer ${key}`)
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => callback(null, text));
      });
    return {
      status: response.status,
      headers: response.headers,
      text: response.body as string,
    };
  };

  const csvUids = async (query: string, key = readKey): Promise<string[]> => {
    const result = await download(`format=csv&${query}`, key);
    expect(result.status).toBe(200);
    return parseCsv(result.text)
      .slice(1)
      .map((record) => record[0] as string)
      .sort();
  };

  const uidsWhere = (predicate: (f: SeededFinding) => boolean): string[] =>
    seeded
      .filter(predicate)
      .map((f) => f.uid)
      .sort();

  beforeAll(async () => {
    api = await startApiTestApp();
    tenant = await api.createTenant('exporter');
    other = await api.createTenant('other');
    readKey = await api.createKey(tenant.tenantId, ['findings:read']);
    seeded = await seedFindings(api.sql, tenant.tenantId, [
      { checkId: 'iam_root_mfa_enabled', description: HOSTILE },
      { checkId: 'ec2_instance_imdsv2_required', compliance: 'PASS', accountId: '222222222222' },
      {
        checkId: 'ec2_instance_imdsv2_required',
        status: 'in_progress',
        suppressedBy: RULE_ID,
        region: 'eu-central-1',
      },
      { kind: 'inspector', accountId: '222222222222' },
      {
        kind: 'inspector',
        inspectorType: 'NETWORK_REACHABILITY',
        inspectorSeverity: 'MEDIUM',
        sourceSuppressed: true,
        region: 'us-east-1',
      },
      { checkId: 'iam_user_console_mfa_enabled', compliance: 'ERROR', errorCode: 'ACCESS_DENIED' },
      { checkId: 'iam_password_policy_minimum_length', compliance: 'PASS', status: 'resolved' },
      { checkId: 'account_contact_details_current', compliance: 'MANUAL' },
    ]);
    otherSeeded = await seedFindings(api.sql, other.tenantId, [
      { checkId: 'iam_root_mfa_enabled' },
    ]);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('csv', () => {
    it('should stream every finding of the tenant once, with the documented header', async () => {
      const result = await download('format=csv', readKey);
      expect(result.status).toBe(200);
      expect(result.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(result.headers['content-disposition']).toMatch(
        /^attachment; filename="palisade-findings-\d{8}T\d{6}Z\.csv"$/,
      );
      const [header, ...records] = parseCsv(result.text);
      expect(header).toEqual([
        'finding_uid',
        'kind',
        'account_id',
        'region',
        'check_id',
        'title',
        'severity',
        'status',
        'compliance',
        'suppressed',
        'suppressed_by',
        'resource_type',
        'resource_uid',
        'description',
        'requirements',
        'remediation_url',
        'vulnerability_id',
        'error_code',
        'first_seen_at',
        'last_seen_at',
        'resolved_at',
        'scan_id',
      ]);
      expect(records.map((r) => r[0]).sort()).toEqual(uidsWhere(() => true));
      expect(records.every((r) => r.length === header?.length)).toBe(true);
      expect(result.text).not.toContain(otherSeeded[0]?.uid);
    });

    it('should keep hostile text in its cell with the formula neutralised', async () => {
      const result = await download('format=csv&checkId=iam_root_mfa_enabled', readKey);
      const [header, record] = parseCsv(result.text);
      const cell = (name: string): string | undefined => record?.[header?.indexOf(name) ?? -1];
      expect(cell('description')).toBe(`'${HOSTILE}`);
      expect(cell('severity')).toBe('critical');
      expect(cell('requirements')).toContain('cis-aws-foundations-v7.0.0 2.5');
      expect(cell('last_seen_at')).toBe(T1.toISOString());
    });

    it('should say which rule suppresses a finding', async () => {
      const result = await download('format=csv&suppressed=true&kind=check', readKey);
      const [header, record, extra] = parseCsv(result.text);
      expect(extra).toBeUndefined();
      expect(record?.[header?.indexOf('suppressed_by') ?? -1]).toBe(RULE_ID);
    });

    it.each<[string, (f: SeededFinding) => boolean]>([
      ['severity=critical', (f) => f.severity === 'critical'],
      ['severity=high,critical', (f) => f.severity === 'high' || f.severity === 'critical'],
      ['status=new,in_progress', (f) => f.status === 'new' || f.status === 'in_progress'],
      ['status=resolved', (f) => f.status === 'resolved'],
      ['accountId=222222222222', (f) => f.accountId === '222222222222'],
      ['region=global', (f) => f.region === 'global'],
      ['region=eu-west-1,us-east-1', (f) => f.region === 'eu-west-1' || f.region === 'us-east-1'],
      ['checkId=ec2_instance_imdsv2_required', (f) => f.checkId === 'ec2_instance_imdsv2_required'],
      ['kind=inspector', (f) => f.kind === 'inspector'],
      ['suppressed=true', (f) => f.suppressed],
      ['suppressed=false', (f) => !f.suppressed],
      [
        'kind=check&severity=high,critical&suppressed=false',
        (f) => f.kind === 'check' && !f.suppressed && ['high', 'critical'].includes(f.severity),
      ],
      ['accountId=999999999999', () => false],
    ])('should filter on %s', async (query, predicate) => {
      const expected = uidsWhere(predicate);
      expect(await csvUids(query)).toEqual(expected);
    });
  });

  describe('ocsf', () => {
    it('should stream one OCSF document per line with the current lifecycle overlaid', async () => {
      const result = await download('format=ocsf', readKey);
      expect(result.status).toBe(200);
      expect(result.headers['content-type']).toBe('application/x-ndjson');
      expect(result.headers['content-disposition']).toMatch(
        /filename="palisade-findings-.*\.jsonl"/,
      );
      expect(result.text.endsWith('\n')).toBe(true);
      const lines = result.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as OcsfLine);
      const byUid = new Map(lines.map((line) => [line.finding_info.uid, line]));
      expect([...byUid.keys()].sort()).toEqual(uidsWhere(() => true));
      for (const line of lines) {
        expect([2002, 2003]).toContain(line.class_uid);
        expect(line.metadata.tenant_uid).toBe(tenant.tenantId);
        // Stored as first seen at T0; the row says T1.
        expect(line.finding_info.last_seen_time).toBe(T1.getTime());
      }
      const [, , ruleSuppressed, , inspectorSuppressed, , resolved] = seeded;
      expect(byUid.get(ruleSuppressed?.uid ?? '')).toMatchObject({
        status_id: 3,
        status: 'Suppressed',
        status_detail: RULE_ID,
      });
      expect(byUid.get(inspectorSuppressed?.uid ?? '')).toMatchObject({
        status_id: 3,
        status_detail: 'inspector2',
      });
      expect(byUid.get(resolved?.uid ?? '')).toMatchObject({ status_id: 4, activity_id: 3 });
    });
  });

  describe('asff', () => {
    it('should stream {"Findings":[…]} that botocore accepts for BatchImportFindings', async () => {
      const result = await download('format=asff', readKey);
      expect(result.status).toBe(200);
      expect(result.headers['content-type']).toMatch(/^application\/json/);
      expect(result.headers['content-disposition']).toMatch(
        /filename="palisade-findings-.*\.asff\.json"/,
      );
      const document = JSON.parse(result.text) as AsffDocument;
      expect(Object.keys(document)).toEqual(['Findings']);
      expect(document.Findings.map((f) => f.Id).sort()).toEqual(uidsWhere(() => true));
      expect(await validateAsffWithBotocore(document.Findings)).toEqual({
        valid: true,
        errors: [],
        batches: 1,
      });
      const suppressed = document.Findings.filter((f) => f.Workflow.Status === 'SUPPRESSED');
      expect(suppressed.map((f) => f.Id).sort()).toEqual(uidsWhere((f) => f.suppressed));
    });

    it('should export every check, long and odd text included, within Security Hub limits', async () => {
      const wide = await api.createTenant('wide');
      const long = `${'Ünïcødé 😀 '.repeat(400)}="x"`;
      await seedFindings(api.sql, wide.tenantId, [
        ...ALL_CHECKS.map((check) => ({ checkId: check.metadata.id, description: long })),
        ...ALL_CHECKS.map((check) => ({
          checkId: check.metadata.id,
          compliance: 'ERROR' as const,
          errorCode: 'REGION_NOT_ENABLED',
          accountId: '222222222222',
        })),
        ...(['PACKAGE_VULNERABILITY', 'NETWORK_REACHABILITY', 'CODE_VULNERABILITY'] as const).map(
          (inspectorType) => ({
            kind: 'inspector' as const,
            inspectorType,
            inspectorSeverity: 'UNTRIAGED' as const,
            description: long,
          }),
        ),
      ]);
      const result = await download(
        'format=asff&productAccountId=999988887777&productRegion=eu-central-1',
        wide.key,
      );
      expect(result.status).toBe(200);
      const document = JSON.parse(result.text) as AsffDocument;
      expect(Object.keys(document)).toEqual(['Findings']);
      expect(document.Findings).toHaveLength(ALL_CHECKS.length * 2 + 3);
      expect(new Set(document.Findings.map((f) => f.ProductArn))).toEqual(
        new Set(['arn:aws:securityhub:eu-central-1:999988887777:product/999988887777/default']),
      );
      // BatchImportFindings takes at most 100 findings a request.
      expect(await validateAsffWithBotocore(document.Findings)).toEqual({
        valid: true,
        errors: [],
        batches: Math.ceil((ALL_CHECKS.length * 2 + 3) / 100),
      });
    });

    it('should have a validator that refuses what Security Hub would refuse', async () => {
      const bad = [
        {
          SchemaVersion: '2018-10-08',
          Id: 'x',
          ProductArn: 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default',
          GeneratorId: 'g',
          AwsAccountId: '111122223333',
          CreatedAt: '2030-03-01T10:00:00.000Z',
          UpdatedAt: 'yesterday',
          Title: 't'.repeat(257),
          Resources: [{ Type: 'AwsAccount', Id: 'x', Partition: 'aws' }],
          Workflow: { Status: 'OPEN' },
        },
      ];
      const validation = await validateAsffWithBotocore(bad);
      expect(validation.valid).toBe(false);
      const request = 'request 1 of 1 (findings 0-0)';
      // botocore's shape check first, then Security Hub's limits, each problem once.
      expect(validation.errors).toEqual([
        `${request}: Missing required parameter in Findings[0]: "Description"`,
        `${request}: Findings[0].Workflow.Status: 'OPEN' is not one of NEW, NOTIFIED, RESOLVED, SUPPRESSED`,
        `${request}: Findings[0].Title: 257 characters, at most 256`,
        `${request}: Findings[0].UpdatedAt: 'yesterday' is not a Security Hub timestamp`,
      ]);
    });
  });

  describe('refusals', () => {
    it.each([
      ['', 'query.format'],
      ['format=xml', 'query.format'],
      ['format=csv&severity=high,severe', 'query.severity.1'],
      ['format=csv&status=open', 'query.status.0'],
      ['format=csv&accountId=1234', 'query.accountId.0'],
      ['format=csv&region=mars-1', 'query.region.0'],
      ['format=csv&checkId=Not-A-Check', 'query.checkId.0'],
      ['format=csv&kind=guardduty', 'query.kind'],
      ['format=csv&suppressed=maybe', 'query.suppressed'],
      ['format=asff&productRegion=global', 'query.productRegion'],
      ['format=csv&severty=high', 'query'],
    ])('should refuse ?%s with 400 naming %s', async (query, field) => {
      const response = await api
        .request()
        .get(`/v1/exports/findings?${query}`)
        .set('Authorization', `Bearer ${readKey}`);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['content-disposition']).toBeUndefined();
      const fields = (response.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(fields).toContain(field);
    });

    it('should refuse a key without findings:read (403) and no key (401)', async () => {
      const scansKey = await api.createKey(tenant.tenantId, ['scans:write']);
      const forbidden = await api
        .request()
        .get('/v1/exports/findings?format=csv')
        .set('Authorization', `Bearer ${scansKey}`);
      expect(forbidden.status).toBe(403);
      const anonymous = await api.request().get('/v1/exports/findings?format=csv');
      expect(anonymous.status).toBe(401);
    });

    it("should export only the caller's tenant", async () => {
      for (const format of ['csv', 'ocsf', 'asff']) {
        const result = await download(`format=${format}`, other.key);
        expect(result.status).toBe(200);
        expect(result.text).toContain(otherSeeded[0]?.uid);
        for (const finding of seeded) expect(result.text).not.toContain(finding.uid);
      }
    });
  });

  describe(`streaming ${BIG} findings`, () => {
    let big: TestTenant;
    let bigUids: Set<string>;
    let baseUrl: string;

    /** Starts an export of `big` over a real socket; resolves once the headers arrived. */
    const open = (
      format: string,
    ): Promise<{ request: ReturnType<typeof httpGet>; response: IncomingMessage }> =>
      new Promise((resolveOpen, reject) => {
        const request = httpGet(
          `${baseUrl}/v1/exports/findings?format=${format}`,
          { headers: { Authorization: `Bearer ${big.key}` } },
          (response) => resolveOpen({ request, response }),
        );
        request.on('error', reject);
      });

    /** The export's database session, seen from the superuser connection. */
    const exportSessions = async (): Promise<{ state: string; fetchedAt: string }[]> =>
      api.sql<{ state: string; fetchedAt: string }>(
        `SELECT state, query_start::text AS "fetchedAt" FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND query LIKE '%palisade_export%'`,
      );

    const waitFor = async (check: () => Promise<boolean>, what: string): Promise<void> => {
      for (let attempt = 0; attempt < 200; attempt++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${what}`);
    };

    beforeAll(async () => {
      big = await api.createTenant('big');
      const padding = { notes: 'p'.repeat(600) };
      const rows = await seedFindings(
        api.sql,
        big.tenantId,
        Array.from({ length: BIG }, (_, i) => ({
          checkId: i % 2 === 0 ? 'ec2_instance_imdsv2_required' : 's3_bucket_public_access_block',
          accountId: String(100_000_000_000 + (i % 200)),
          resourceUid: `arn:aws:ec2:eu-west-1:111111111111:instance/i-${i.toString(16).padStart(17, '0')}`,
          description: `Instance ${i} allows IMDSv1, "quoted", with a comma`,
          evidence: padding,
        })),
      );
      bigUids = new Set(rows.map((r) => r.uid));
      baseUrl = await api.listen();
    });

    it('should deliver every row while the live heap stays within 64 MiB of where it started', async () => {
      const gc = exposeGc();
      gc();
      const before = process.memoryUsage().heapUsed;
      let peak = before;
      const { response } = await open('csv');
      expect(response.statusCode).toBe(200);
      const seen = new Set<string>();
      let rows = 0;
      let chunks = 0;
      let rest = '';
      response.setEncoding('utf8');
      await new Promise<void>((done, fail) => {
        response.on('data', (chunk: string) => {
          // What stays live while streaming (collected first: garbage is not memory in use).
          chunks += 1;
          if (chunks % 16 === 0) {
            gc();
            peak = Math.max(peak, process.memoryUsage().heapUsed);
          }
          const lines = (rest + chunk).split('\r\n');
          rest = lines.pop() ?? '';
          for (const line of lines) {
            rows += 1;
            if (rows > 1) seen.add(line.slice(0, line.indexOf(',')));
          }
        });
        response.on('end', done);
        response.on('error', fail);
      });
      gc();
      const after = process.memoryUsage().heapUsed;
      expect(rest).toBe('');
      expect(rows).toBe(BIG + 1);
      expect(seen).toEqual(bigUids);
      expect(peak - before).toBeLessThan(64 * MiB);
      expect(after - before).toBeLessThan(64 * MiB);
    });

    it('should stop reading while the client does not read, from one snapshot, then finish', async () => {
      const { response } = await open('ocsf');
      expect(response.statusCode).toBe(200);
      response.pause();
      // The server fills the socket, then waits for it to drain: its transaction stays open
      // and it fetches nothing more (the last FETCH started long ago and is not followed).
      let last = '';
      let steady = 0;
      await waitFor(async () => {
        const sessions = await exportSessions();
        const now = sessions[0]?.fetchedAt ?? '';
        steady = sessions.length === 1 && now === last ? steady + 1 : 0;
        last = now;
        return steady >= 40;
      }, 'the export to stop fetching while the client does not read');
      expect(await exportSessions()).toEqual([{ state: 'idle in transaction', fetchedAt: last }]);
      // Changes made meanwhile are not in this export: it reads one snapshot.
      const [removed] = [...bigUids];
      await api.sql(`DELETE FROM public.findings WHERE tenant_id = $1 AND uid = $2`, [
        big.tenantId,
        removed,
      ]);
      const [added] = await seedFindings(api.sql, big.tenantId, [
        { checkId: 'iam_root_mfa_enabled' },
      ]);
      const uids = new Set<string>();
      let rest = '';
      response.setEncoding('utf8');
      await new Promise<void>((done, fail) => {
        response.on('data', (chunk: string) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) {
            uids.add((JSON.parse(line) as OcsfLine).finding_info.uid);
          }
        });
        response.on('end', done);
        response.on('error', fail);
        response.resume();
      });
      expect(uids).toEqual(bigUids);
      expect(uids.has(added?.uid ?? '')).toBe(false);
      await waitFor(async () => (await exportSessions()).length === 0, 'the export to end');
      if (removed !== undefined) bigUids.delete(removed);
      if (added !== undefined) bigUids.add(added.uid);
    });

    it('should refuse an export beyond half the database pool with 429 and Retry-After', async () => {
      // The harness's pool has the default 10 connections: 5 exports at once.
      const held = [];
      for (let i = 0; i < 5; i++) {
        const opened = await open('ocsf');
        expect(opened.response.statusCode).toBe(200);
        opened.response.pause();
        held.push(opened);
      }
      const refused = await download('format=csv', big.key);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      for (const { request } of held) request.destroy();
      await waitFor(async () => (await exportSessions()).length === 0, 'the exports to stop');
      expect((await download('format=csv&accountId=999999999999', big.key)).status).toBe(200);
    });

    it('should stop and let go of its database session when the client goes away', async () => {
      const { request, response } = await open('ocsf');
      expect(response.statusCode).toBe(200);
      await new Promise<void>((done) => response.once('data', () => done()));
      request.destroy();
      await waitFor(async () => (await exportSessions()).length === 0, 'the export to stop');
      // The connection went back to the pool: the next export runs and is whole.
      expect((await csvUids('', big.key)).length).toBe(bigUids.size);
    });
  });
});
