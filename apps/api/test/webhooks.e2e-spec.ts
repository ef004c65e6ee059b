import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '@palisade/api';
import { type FindingsChanged, type ScanLifecycle, Topics } from '@palisade/contracts';
import { Publisher } from '@palisade/messaging';
import { type ApiTestApp, startApiTestApp, type TestTenant } from './support/api-test-app';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver on 127.0.0.1: records raw requests, answers each path as told (else 200). */
class Sink {
  readonly received: Received[] = [];
  private readonly statuses = new Map<string, number[]>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(this.statuses.get(req.url ?? '')?.shift() ?? 200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The next answers to requests for `path`, in order (then 200). */
  answer(path: string, ...statuses: number[]): void {
    this.statuses.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function eventually<T>(
  probe: () => Promise<T> | T,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface WebhookBody {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

interface DeliveryBody {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; detail: string }[];
}

describe('webhooks', () => {
  let api: ApiTestApp;
  let sink: Sink;
  let tenant: TestTenant;
  let other: TestTenant;
  let publisher: Publisher;

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  const create = (body: object, key = tenant.key) =>
    api.request().post('/v1/webhooks').set(as(key)).send(body);

  async function createWebhook(path: string, events: string[]): Promise<WebhookBody> {
    const response = await create({ url: sink.url(path), events, description: path });
    expect(response.status).toBe(201);
    return response.body as WebhookBody;
  }

  async function deliveries(webhookId: string, query = ''): Promise<Page<DeliveryBody>> {
    const response = await api
      .request()
      .get(`/v1/webhooks/${webhookId}/deliveries${query}`)
      .set(as(tenant.key));
    expect(response.status).toBe(200);
    return response.body as Page<DeliveryBody>;
  }

  function findingMessage(change: FindingsChanged['change'], n: number): FindingsChanged {
    return {
      schemaVersion: 1,
      tenantId: tenant.tenantId,
      findingUid: n.toString(16).padStart(64, 'c'),
      change,
      accountId: '123456789012',
      region: 'eu-west-1',
      checkId: 'iam_root_mfa_enabled',
      severity: 'critical',
      scanId: '7d3c8e0a-1f2b-4c5d-8e9f-0a1b2c3d4e5f',
      at: new Date(Date.UTC(2026, 2, 1, 12, 0, n)).toISOString(),
    };
  }

  beforeAll(async () => {
    sink = new Sink();
    await sink.start();
    api = await startApiTestApp({ WEBHOOK_INTERVAL_MS: '100', WEBHOOK_MAX_ATTEMPTS: '3' });
    tenant = await api.createTenant('webhooks');
    other = await api.createTenant('other');
    publisher = api.app.get(Publisher);
  });
  afterAll(async () => {
    await api.close();
    await sink.stop();
  });

  describe('GET /v1/webhooks/events', () => {
    it('should list the catalogue with a schema and an example of each event', async () => {
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      const response = await api.request().get('/v1/webhooks/events').set(as(reader));
      expect(response.status).toBe(200);
      const items = (
        response.body as {
          items: {
            type: string;
            schemaVersion: number;
            subscribable: boolean;
            schema: { properties: Record<string, unknown> };
            example: { type: string; schemaVersion: number };
          }[];
        }
      ).items;
      expect(items.map((i) => i.type)).toEqual([
        'finding.new',
        'finding.resolved',
        'finding.reopened',
        'finding.suppressed',
        'finding.unsuppressed',
        'scan.completed',
        'scan.completed_with_errors',
        'scan.failed',
        'scan.cancelled',
        'ping',
      ]);
      for (const item of items) {
        expect(item.schemaVersion).toBe(1);
        expect(item.subscribable).toBe(item.type !== 'ping');
        expect(Object.keys(item.schema.properties)).toEqual([
          'id',
          'type',
          'schemaVersion',
          'occurredAt',
          'tenantId',
          'data',
        ]);
        expect(item.example).toMatchObject({ type: item.type, schemaVersion: 1 });
      }
    });
  });

  describe('CRUD', () => {
    it('should create a webhook and show its secret once, stored only encrypted', async () => {
      const response = await create({
        url: sink.url('/crud'),
        events: ['finding.new', 'scan.completed', 'finding.new'],
        description: 'team channel',
      });
      expect(response.status).toBe(201);
      const created = response.body as WebhookBody;
      expect(created).toMatchObject({
        url: sink.url('/crud'),
        events: ['finding.new', 'scan.completed'],
        description: 'team channel',
        enabled: true,
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const secret = created.secret as string;

      const one = await api.request().get(`/v1/webhooks/${created.id}`).set(as(tenant.key));
      const list = await api.request().get('/v1/webhooks').set(as(tenant.key));
      expect(one.status).toBe(200);
      expect(list.status).toBe(200);
      expect(one.body).toEqual({ ...created, secret: undefined });
      expect(JSON.stringify(one.body)).not.toContain(secret);
      expect(JSON.stringify(list.body)).not.toContain(secret);
      expect((list.body as Page<WebhookBody>).items.map((w) => w.id)).toContain(created.id);

      const [row] = await api.sql<{ ciphertext: Buffer; whole: string }>(
        `SELECT secret_ciphertext AS ciphertext, row_to_json(w)::text AS whole
           FROM public.webhooks w WHERE id = $1`,
        [created.id],
      );
      expect(row?.ciphertext.length).toBe(12 + 16 + secret.length);
      expect(row?.ciphertext.includes(Buffer.from(secret))).toBe(false);
      expect(row?.ciphertext.includes(Buffer.from(secret.slice(6)))).toBe(false);
      expect(row?.whole).not.toContain(secret.slice(6));
      const audit = await api.sql<{ whole: string }>(
        `SELECT row_to_json(a)::text AS whole FROM public.audit_log a WHERE tenant_id = $1`,
        [tenant.tenantId],
      );
      expect(audit.map((a) => a.whole)).toContainEqual(expect.stringContaining(created.id));
      expect(audit.map((a) => a.whole).join()).not.toContain(secret.slice(6));
    });

    it('should page the list of webhooks', async () => {
      await createWebhook('/list-a', ['finding.new']);
      await createWebhook('/list-b', ['finding.new']);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const response = await api
          .request()
          .get(`/v1/webhooks?limit=1${query}`)
          .set(as(tenant.key));
        expect(response.status).toBe(200);
        const page = response.body as Page<WebhookBody>;
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...page.items.map((w) => w.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      const all = await api.request().get('/v1/webhooks?limit=500').set(as(tenant.key));
      const ids = (all.body as Page<WebhookBody>).items.map((w) => w.id);
      expect(seen).toEqual(ids);
      expect(new Set(seen).size).toBe(seen.length);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      const theirs = await api.request().get('/v1/webhooks').set(as(other.key));
      expect((theirs.body as Page<WebhookBody>).items.map((w) => w.id)).not.toContain(ids[0]);
    });

    it('should change, rotate and delete a webhook', async () => {
      const created = await createWebhook('/change', ['finding.new']);
      const patched = await api
        .request()
        .patch(`/v1/webhooks/${created.id}`)
        .set(as(tenant.key))
        .send({ events: ['scan.failed'], enabled: false, url: sink.url('/changed') });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        id: created.id,
        events: ['scan.failed'],
        enabled: false,
        url: sink.url('/changed'),
        description: '/change',
      });

      const rotated = await api
        .request()
        .post(`/v1/webhooks/${created.id}/rotate-secret`)
        .set(as(tenant.key));
      expect(rotated.status).toBe(200);
      const secret = (rotated.body as WebhookBody).secret;
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(created.secret);

      const deleted = await api.request().delete(`/v1/webhooks/${created.id}`).set(as(tenant.key));
      expect(deleted.status).toBe(204);
      const gone = await api.request().get(`/v1/webhooks/${created.id}`).set(as(tenant.key));
      expect(gone.status).toBe(404);
    });

    it('should name the refused fields', async () => {
      const cases: [object, string][] = [
        [{ url: sink.url('/x'), events: ['finding.new', 'finding.exploded'] }, 'body.events.1'],
        [{ url: sink.url('/x'), events: [] }, 'body.events'],
        [{ events: ['finding.new'] }, 'body.url'],
        [{ url: sink.url('/x'), events: ['ping'] }, 'body.events.0'],
        [
          { url: sink.url('/x'), events: ['finding.new'], description: 'x'.repeat(501) },
          'body.description',
        ],
        [{ url: sink.url('/x'), events: ['finding.new'], enabled: 'yes' }, 'body.enabled'],
        [{ url: 'https://169.254.169.254/latest/meta-data/', events: ['finding.new'] }, 'body.url'],
        [{ url: 'https://[::ffff:169.254.169.254]/', events: ['finding.new'] }, 'body.url'],
        [{ url: 'https://10.20.30.40/hook', events: ['finding.new'] }, 'body.url'],
        [{ url: 'https://0.0.0.0/hook', events: ['finding.new'] }, 'body.url'],
        [{ url: 'https://100.64.0.1/hook', events: ['finding.new'] }, 'body.url'],
        [{ url: 'http://93.184.215.14/hook', events: ['finding.new'] }, 'body.url'],
        [{ url: 'https://user:pw@127.0.0.1/', events: ['finding.new'] }, 'body.url'],
        [{ url: 'not a url', events: ['finding.new'] }, 'body.url'],
        [{ url: `${sink.url('/x')}\u0000`, events: ['finding.new'] }, 'body.url'],
        [
          { url: sink.url('/x'), events: ['finding.new'], description: 'a\u0000b' },
          'body.description',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await create(body);
        expect({ body, status: response.status }).toEqual({ body, status: 422 });
        const problem = response.body as ProblemBody;
        expect({ body, fields: problem.errors?.map((e) => e.field) }).toEqual({
          body,
          fields: expect.arrayContaining([field]) as string[],
        });
      }
      const unknown = await create({
        url: sink.url('/x'),
        events: ['finding.new'],
        secret: 'mine',
      });
      expect(unknown.status).toBe(422);
      const metadata = await create({ url: 'https://169.254.169.254/', events: ['finding.new'] });
      expect((metadata.body as ProblemBody).detail).toBe(
        'body.url: 169.254.169.254 is a link-local address; webhooks may only reach public addresses',
      );
      const patch = await api
        .request()
        .patch(`/v1/webhooks/${(await createWebhook('/p', ['finding.new'])).id}`)
        .set(as(tenant.key))
        .send({ url: 'https://192.168.0.10/' });
      expect(patch.status).toBe(422);
      expect((patch.body as ProblemBody).errors?.[0]?.field).toBe('body.url');
    });

    it('should refuse a 26th webhook of a tenant (409)', async () => {
      const busy = await api.createTenant('busy');
      for (let i = 0; i < 25; i += 1) {
        await create({ url: sink.url(`/busy-${i}`), events: ['scan.failed'] }, busy.key).expect(
          201,
        );
      }
      const refused = await create(
        { url: sink.url('/busy-25'), events: ['scan.failed'] },
        busy.key,
      );
      expect(refused.status).toBe(409);
      expect((refused.body as ProblemBody).detail).toBe('a tenant has at most 25 webhooks');
    });

    it('should refuse a malformed id (400) and a bad cursor (400)', async () => {
      const bad = await api.request().get('/v1/webhooks/not-a-uuid').set(as(tenant.key));
      expect(bad.status).toBe(400);
      expect((bad.body as ProblemBody).errors?.[0]?.field).toBe('param.id');
      const webhook = await createWebhook('/cursor', ['finding.new']);
      const cursor = await api
        .request()
        .get(`/v1/webhooks/${webhook.id}/deliveries?cursor=garbage`)
        .set(as(tenant.key));
      expect(cursor.status).toBe(400);
      expect((cursor.body as ProblemBody).errors?.[0]?.field).toBe('query.cursor');
      const redeliver = await api
        .request()
        .post(`/v1/webhooks/${webhook.id}/deliveries/nope/redeliver`)
        .set(as(tenant.key));
      expect(redeliver.status).toBe(400);
    });

    it('should need the admin scope (the catalogue: any tenant key)', async () => {
      const reader = await api.createKey(tenant.tenantId, ['findings:read']);
      const writer = await api.createKey(tenant.tenantId, ['scans:write']);
      const webhook = await createWebhook('/scope', ['finding.new']);
      for (const key of [reader, writer]) {
        const refused = [
          await create({ url: sink.url('/x'), events: ['finding.new'] }, key),
          await api.request().get('/v1/webhooks').set(as(key)),
          await api.request().get(`/v1/webhooks/${webhook.id}`).set(as(key)),
          await api.request().get(`/v1/webhooks/${webhook.id}/deliveries`).set(as(key)),
          await api.request().post(`/v1/webhooks/${webhook.id}/ping`).set(as(key)),
          await api.request().delete(`/v1/webhooks/${webhook.id}`).set(as(key)),
        ];
        expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
      }
      const operator = await api.request().get('/v1/webhooks').set(as(api.operatorKey));
      expect(operator.status).toBe(403);
    });

    it("should answer 404 for another tenant's webhook and delivery, as for a nonexistent one", async () => {
      const mine = await createWebhook('/mine', ['finding.new']);
      await api.request().post(`/v1/webhooks/${mine.id}/ping`).set(as(tenant.key)).expect(202);
      const [delivery] = (await deliveries(mine.id)).items;
      const missing = randomUUID();
      const routes = (id: string, deliveryId: string) =>
        [
          ['get', `/v1/webhooks/${id}`],
          ['patch', `/v1/webhooks/${id}`],
          ['delete', `/v1/webhooks/${id}`],
          ['post', `/v1/webhooks/${id}/rotate-secret`],
          ['get', `/v1/webhooks/${id}/deliveries`],
          ['post', `/v1/webhooks/${id}/ping`],
          ['post', `/v1/webhooks/${id}/deliveries/${deliveryId}/redeliver`],
        ] as const;
      const call = (method: 'get' | 'patch' | 'delete' | 'post', path: string) => {
        const request = api.request()[method](path).set(as(other.key));
        return method === 'patch' ? request.send({ description: 'x' }) : request;
      };
      for (const [method, path] of routes(mine.id, delivery?.id ?? missing)) {
        const response = await call(method, path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        const detail = (response.body as ProblemBody).detail;
        const twin = await call(method, path.replace(mine.id, missing));
        expect((twin.body as ProblemBody).detail).toBe(detail.replace(mine.id, missing));
      }
      // Another tenant's delivery under my own webhook is unknown too.
      const theirs = await api
        .request()
        .post('/v1/webhooks')
        .set(as(other.key))
        .send({ url: sink.url('/theirs'), events: ['finding.new'] });
      const theirId = (theirs.body as WebhookBody).id;
      await api.request().post(`/v1/webhooks/${theirId}/ping`).set(as(other.key)).expect(202);
      const [theirDelivery] = await api.sql<{ id: string }>(
        'SELECT id FROM public.webhook_deliveries WHERE webhook_id = $1',
        [theirId],
      );
      const crossed = await api
        .request()
        .post(`/v1/webhooks/${mine.id}/deliveries/${theirDelivery?.id ?? ''}/redeliver`)
        .set(as(tenant.key));
      expect(crossed.status).toBe(404);
      // Mine is untouched.
      const still = await api.request().get(`/v1/webhooks/${mine.id}`).set(as(tenant.key));
      expect(still.body).toMatchObject({ description: '/mine' });
    });
  });

  describe('delivery', () => {
    it('should deliver a finding event, signed, as documented, once per event', async () => {
      const webhook = await createWebhook('/findings', ['finding.new', 'scan.completed']);
      const secret = webhook.secret as string;
      const message = findingMessage('new', 1);
      await publisher.publish(Topics.findingsChanged, message);
      await publisher.publish(Topics.findingsChanged, findingMessage('resolved', 2));

      const [request] = await eventually(
        () => sink.at('/findings'),
        (r) => r.length >= 1,
        'the finding event at the sink',
      );
      const body = JSON.parse(request?.body ?? '') as { id: string };
      expect(body).toEqual({
        id: expect.stringMatching(/^evt_[0-9a-f]{32}$/) as string,
        type: 'finding.new',
        schemaVersion: 1,
        occurredAt: message.at,
        tenantId: tenant.tenantId,
        data: {
          findingUid: message.findingUid,
          accountId: '123456789012',
          region: 'eu-west-1',
          checkId: 'iam_root_mfa_enabled',
          severity: 'critical',
          scanId: message.scanId,
        },
      });
      expect(request?.headers).toMatchObject({
        'content-type': 'application/json',
        'palisade-event-id': body.id,
        'palisade-event-type': 'finding.new',
        'user-agent': expect.stringMatching(/^Palisade-Webhooks\//) as string,
      });
      const header = request?.headers['palisade-signature'] as string;
      expect(verifyWebhookSignature({ body: request?.body ?? '', header, secret })).toEqual({
        valid: true,
        timestamp: expect.any(Number) as number,
      });
      // The documented recipe, by hand.
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
      expect(createHmac('sha256', secret).update(`${t}.${request?.body}`).digest('hex')).toBe(v1);

      // The same Kafka message again: the same event, no second delivery.
      await publisher.publish(Topics.findingsChanged, message);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(sink.at('/findings')).toHaveLength(1);
      const log = await eventually(
        () => deliveries(webhook.id),
        (p) => p.items[0]?.status === 'succeeded',
        'the delivery log',
      );
      expect(log.items).toHaveLength(1);
      expect(log.items[0]).toMatchObject({
        webhookId: webhook.id,
        eventId: body.id,
        eventType: 'finding.new',
        status: 'succeeded',
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
        nextAttemptAt: null,
        payload: body,
      });
      expect(log.items[0]?.deliveredAt).not.toBeNull();
    });

    it('should retry a failed delivery with backoff, log both attempts, and redeliver on request', async () => {
      const webhook = await createWebhook('/flaky', ['scan.completed']);
      sink.answer('/flaky', 500, 200);
      const scan: ScanLifecycle = {
        schemaVersion: 1,
        tenantId: tenant.tenantId,
        scanId: randomUUID(),
        status: 'completed',
        counts: {
          accountsDone: 3,
          accountsFailed: 0,
          accountsSkipped: 1,
          findingsNew: 12,
          findingsResolved: 2,
          findingsReopened: 0,
        },
        at: new Date().toISOString(),
      };
      await publisher.publish(Topics.scanLifecycle, scan);

      const failed = await eventually(
        () => deliveries(webhook.id),
        (p) => p.items[0]?.attempts === 1,
        'the first attempt',
      );
      const first = failed.items[0] as DeliveryBody;
      expect(first).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastStatusCode: 500,
        lastError: 'the receiver answered HTTP 500',
        eventType: 'scan.completed',
      });
      const wait = Date.parse(first.nextAttemptAt ?? '') - Date.parse(first.lastAttemptAt ?? '');
      expect(wait).toBeGreaterThanOrEqual(22_000);
      expect(wait).toBeLessThanOrEqual(38_000);
      // Time passes: the retry is due.
      await api.sql('UPDATE public.webhook_deliveries SET next_attempt_at = now() WHERE id = $1', [
        first.id,
      ]);
      const done = await eventually(
        () => deliveries(webhook.id),
        (p) => p.items[0]?.status === 'succeeded',
        'the retry',
      );
      expect(done.items[0]).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
      const attempts = sink.at('/flaky');
      expect(attempts).toHaveLength(2);
      expect(attempts.map((a) => a.headers['palisade-event-id'])).toEqual([
        first.eventId,
        first.eventId,
      ]);
      expect(attempts[0]?.body).toBe(attempts[1]?.body);
      expect(JSON.parse(attempts[1]?.body ?? '')).toMatchObject({
        type: 'scan.completed',
        data: { scanId: scan.scanId, status: 'completed', counts: scan.counts },
      });

      const redelivered = await api
        .request()
        .post(`/v1/webhooks/${webhook.id}/deliveries/${first.id}/redeliver`)
        .set(as(tenant.key));
      expect(redelivered.status).toBe(202);
      expect(redelivered.body).toMatchObject({ id: first.id, status: 'pending', attempts: 2 });
      await eventually(
        () => sink.at('/flaky'),
        (r) => r.length === 3,
        'the redelivery',
      );
      const after = await eventually(
        () => deliveries(webhook.id),
        (p) => p.items[0]?.attempts === 3,
        'the redelivery in the log',
      );
      expect(after.items[0]).toMatchObject({ status: 'succeeded', attempts: 3 });
      expect(sink.at('/flaky')[2]?.headers['palisade-event-id']).toBe(first.eventId);
    });

    it('should mark a delivery failed after the last attempt', async () => {
      const webhook = await createWebhook('/down', ['finding.new']);
      sink.answer('/down', 503, 503, 503);
      await publisher.publish(Topics.findingsChanged, findingMessage('new', 3));
      for (const attempt of [1, 2, 3]) {
        await eventually(
          () => deliveries(webhook.id),
          (p) => p.items[0]?.attempts === attempt,
          `attempt ${attempt}`,
        );
        await api.sql(
          `UPDATE public.webhook_deliveries SET next_attempt_at = now()
            WHERE webhook_id = $1 AND status = 'pending'`,
          [webhook.id],
        );
      }
      const log = await deliveries(webhook.id);
      expect(log.items[0]).toMatchObject({
        status: 'failed',
        attempts: 3,
        nextAttemptAt: null,
        lastStatusCode: 503,
      });
      const failedOnly = await deliveries(webhook.id, '?status=failed');
      expect(failedOnly.items.map((d) => d.id)).toEqual([log.items[0]?.id]);
      expect((await deliveries(webhook.id, '?status=succeeded')).items).toEqual([]);
    });

    it('should ping, page the log, sign with a rotated secret, and refuse while disabled', async () => {
      const webhook = await createWebhook('/ping', ['scan.failed']);
      for (let i = 0; i < 3; i += 1) {
        const ping = await api
          .request()
          .post(`/v1/webhooks/${webhook.id}/ping`)
          .set(as(tenant.key));
        expect(ping.status).toBe(202);
        expect(ping.body).toMatchObject({ eventType: 'ping', status: 'pending', attempts: 0 });
      }
      await eventually(
        () => sink.at('/ping'),
        (r) => r.length === 3,
        'three pings',
      );
      const ping = JSON.parse(sink.at('/ping')[0]?.body ?? '') as object;
      expect(ping).toMatchObject({
        type: 'ping',
        schemaVersion: 1,
        data: { webhookId: webhook.id },
      });

      const first = await deliveries(webhook.id, '?limit=2');
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await deliveries(
        webhook.id,
        `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      );
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      const ids = [...first.items, ...second.items].map((d) => d.id);
      expect(new Set(ids).size).toBe(3);

      const rotated = await api
        .request()
        .post(`/v1/webhooks/${webhook.id}/rotate-secret`)
        .set(as(tenant.key));
      const secret = (rotated.body as WebhookBody).secret ?? '';
      await api.request().post(`/v1/webhooks/${webhook.id}/ping`).set(as(tenant.key)).expect(202);
      const [, , , latest] = await eventually(
        () => sink.at('/ping'),
        (r) => r.length === 4,
        'the ping after rotation',
      );
      const header = latest?.headers['palisade-signature'] as string;
      expect(verifyWebhookSignature({ body: latest?.body ?? '', header, secret })).toMatchObject({
        valid: true,
      });
      expect(
        verifyWebhookSignature({ body: latest?.body ?? '', header, secret: webhook.secret ?? '' }),
      ).toEqual({ valid: false, reason: 'mismatch' });

      await api
        .request()
        .patch(`/v1/webhooks/${webhook.id}`)
        .set(as(tenant.key))
        .send({ enabled: false })
        .expect(200);
      const refused = await api
        .request()
        .post(`/v1/webhooks/${webhook.id}/ping`)
        .set(as(tenant.key));
      expect(refused.status).toBe(409);
      const redeliver = await api
        .request()
        .post(`/v1/webhooks/${webhook.id}/deliveries/${ids[0] ?? ''}/redeliver`)
        .set(as(tenant.key));
      expect(redeliver.status).toBe(409);
      // A disabled webhook gets no deliveries queued.
      await publisher.publish(Topics.scanLifecycle, {
        schemaVersion: 1,
        tenantId: tenant.tenantId,
        scanId: randomUUID(),
        status: 'failed',
        counts: {
          accountsDone: 0,
          accountsFailed: 2,
          accountsSkipped: 0,
          findingsNew: 0,
          findingsResolved: 0,
          findingsReopened: 0,
        },
        at: new Date().toISOString(),
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await deliveries(webhook.id)).items).toHaveLength(4);
    });

    it('should delete the delivery log with the webhook', async () => {
      const webhook = await createWebhook('/bye', ['finding.new']);
      await api.request().post(`/v1/webhooks/${webhook.id}/ping`).set(as(tenant.key)).expect(202);
      await api.request().delete(`/v1/webhooks/${webhook.id}`).set(as(tenant.key)).expect(204);
      const rows = await api.sql('SELECT 1 FROM public.webhook_deliveries WHERE webhook_id = $1', [
        webhook.id,
      ]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('without the loopback test setting, and without an encryption key', () => {
    let strict: ApiTestApp;
    let key: string;

    beforeAll(async () => {
      strict = await startApiTestApp({
        WEBHOOK_ALLOW_LOOPBACK: 'false',
        WEBHOOK_ENCRYPTION_KEY: undefined,
      });
      key = (await strict.createTenant('strict')).key;
    });
    afterAll(async () => {
      await strict.close();
    });

    it.each([
      ['https://localhost/hook', 'resolves to'],
      ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address'],
      ['https://[::1]/hook', '::1 is a loopback address'],
      ['https://[::ffff:127.0.0.1]/hook', 'a loopback address'],
      ['https://2130706433/hook', '127.0.0.1 is a loopback address'],
      ['https://0x7f.1/hook', '127.0.0.1 is a loopback address'],
      ['https://169.254.169.254/latest/meta-data/', 'a link-local address'],
      ['https://0.0.0.0/', 'an unspecified address'],
      [`http://127.0.0.1:${8080}/hook`, 'must be an https URL'],
      ['http://93.184.215.14/hook', 'must be an https URL'],
    ])('should refuse %s (422 naming body.url)', async (url, reason) => {
      const response = await strict
        .request()
        .post('/v1/webhooks')
        .set(as(key))
        .send({ url, events: ['finding.new'] });
      expect(response.status).toBe(422);
      const problem = response.body as ProblemBody;
      expect(problem.errors).toEqual([
        { field: 'body.url', detail: expect.stringContaining(reason) as string },
      ]);
    });

    it('should refuse to rotate a secret while no encryption key is configured (503)', async () => {
      const [row] = await strict.sql<{ tenant_id: string }>(
        `SELECT tenant_id FROM public.api_keys LIMIT 1`,
      );
      const [webhook] = await strict.sql<{ id: string }>(
        `INSERT INTO public.webhooks (tenant_id, url, events, secret_ciphertext)
         VALUES ($1, 'https://93.184.215.14/', '{finding.new}', '\\x00') RETURNING id`,
        [row?.tenant_id],
      );
      const response = await strict
        .request()
        .post(`/v1/webhooks/${webhook?.id ?? ''}/rotate-secret`)
        .set(as(key));
      expect(response.status).toBe(503);
      // Reading needs no key.
      await strict
        .request()
        .get(`/v1/webhooks/${webhook?.id ?? ''}`)
        .set(as(key))
        .expect(200);
    });

    it('should refuse to create a webhook while no encryption key is configured (503)', async () => {
      const response = await strict
        .request()
        .post('/v1/webhooks')
        .set(as(key))
        .send({ url: 'https://93.184.215.14/hook', events: ['finding.new'] });
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((response.body as ProblemBody).detail).toMatch(
        /^webhook encryption key not configured/,
      );
    });
  });
});
