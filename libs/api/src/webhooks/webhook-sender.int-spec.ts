// WebhookSender on the real Postgres as the service role, sending to a loopback sink: claims are
// safe between two senders (two api replicas), outcomes are recorded (backoff, final failure),
// a lease that ran out is someone else's, and the address policy holds at delivery time.
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  createDataSource,
  openTestDataSources,
  TenantTransactions,
  type TenantId,
  type TestDataSources,
} from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { type HostResolver } from './address-policy';
import { OutboundClient, type OutboundRequest, type OutboundResult } from './outbound-http';
import {
  createTenant,
  createWebhook,
  deliveriesOf,
  findingEvents,
  queue,
} from './test/webhook-fixtures';
import { startWebhookSink, type WebhookSink } from './test/webhook-sink';
import { WebhookSender, type WebhookSenderConfig } from './webhook-sender';
import { verifyWebhookSignature } from './webhook-signature';

const KEY = randomBytes(32).toString('base64');

function configWith(over: Partial<WebhookSenderConfig['api']> = {}): WebhookSenderConfig {
  return {
    api: {
      webhookEncryptionKey: KEY,
      webhookAllowLoopback: true,
      webhookMaxAttempts: 3,
      webhookIntervalMs: 60_000,
      webhookTimeoutMs: 2_000,
      ...over,
    },
  };
}

describe('WebhookSender (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let replica: DataSource; // a second api replica, its own pool
  let sink: WebhookSink;

  const senderOn = (
    dataSource: DataSource,
    config = configWith(),
    client?: { post(request: OutboundRequest): Promise<OutboundResult> },
  ) =>
    new WebhookSender(
      dataSource,
      new TenantTransactions(dataSource),
      config,
      client as OutboundClient | undefined,
    );

  const sinkUrl = (path = '/hook') => `http://127.0.0.1:${sink.port}${path}`;

  beforeAll(async () => {
    ctx = await openTestDataSources(8);
    replica = await createDataSource({
      url: ctx.db.serviceUrl,
      role: 'service',
      poolSize: 8,
    }).initialize();
    sink = await startWebhookSink();
  });
  afterAll(async () => {
    await sink.close();
    await replica.destroy();
    await ctx.close();
  });
  beforeEach(async () => {
    // Expected warnings (failed for good, outcome dropped, no key) would only clutter the output.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    sink.requests.length = 0;
    sink.replyWith();
    await ctx.owner.query('DELETE FROM public.webhook_deliveries');
  });

  it('should send every due delivery exactly once with two senders claiming at the same time', async () => {
    const tenants: TenantId[] = [await createTenant(ctx.service), await createTenant(ctx.service)];
    const webhooks = [];
    for (const tenant of tenants) {
      for (const path of ['/a', '/b']) {
        webhooks.push(await createWebhook(ctx.service, tenant, { url: sinkUrl(path), key: KEY }));
      }
      await queue(ctx.service, tenant, findingEvents(tenant, 60));
    }
    sink.replyWith({ status: 200, delayMs: 5 });
    // A generous timeout: a slow CI machine must not turn this into a test of retries.
    const patient = configWith({ webhookTimeoutMs: 30_000 });
    const a = senderOn(ctx.service, patient);
    const b = senderOn(replica, patient);
    const attempts = await Promise.all([a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue()]);

    const expected = tenants.length * 2 * 60;
    expect(attempts.reduce((x, y) => x + y, 0)).toBe(expected);
    const ids = sink.requests.map((r) => r.headers['palisade-delivery-id']);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    for (const tenant of tenants) {
      const rows = await deliveriesOf(ctx.owner, tenant);
      expect(rows).toHaveLength(120);
      expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
      expect(rows.every((r) => r.last_status_code === 200 && r.delivered_at !== null)).toBe(true);
    }
    // Nothing is left to send.
    await expect(a.sendDue()).resolves.toBe(0);
    expect(webhooks).toHaveLength(4);
  });

  it('should sign each request so that the receiver can verify it with the secret', async () => {
    const tenant = await createTenant(ctx.service);
    const webhook = await createWebhook(ctx.service, tenant, { url: sinkUrl('/signed'), key: KEY });
    const [event] = findingEvents(tenant, 1, 7);
    await queue(ctx.service, tenant, [event!]);
    await senderOn(ctx.service).sendDue();

    const request = sink.requests.find((r) => r.url === '/signed');
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': expect.stringMatching(/^Palisade-Webhooks\/\d+\.\d+\.\d+/) as string,
      'palisade-event-id': event!.id,
      'palisade-event-type': 'finding.new',
    });
    expect(request?.body).toBe(JSON.stringify(event));
    const header = request?.headers['palisade-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature({ body: request!.body, header, secret: webhook.secret }),
    ).toMatchObject({ valid: true });
    expect(verifyWebhookSignature({ body: request!.body, header, secret: 'whsec_other' })).toEqual({
      valid: false,
      reason: 'mismatch',
    });
  });

  it('should back off after a failure, retry when due, and give up after the last attempt', async () => {
    const tenant = await createTenant(ctx.service);
    await createWebhook(ctx.service, tenant, { url: sinkUrl('/down'), key: KEY });
    await queue(ctx.service, tenant, findingEvents(tenant, 1, 8));
    sink.replyWith({ status: 503 });
    const sender = senderOn(ctx.service);

    const before = Date.now();
    await sender.sendDue();
    let [row] = await deliveriesOf(ctx.owner, tenant);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status_code: 503,
      last_error: 'the receiver answered HTTP 503',
      delivered_at: null,
    });
    const delay = row!.next_attempt_at!.getTime() - before;
    expect(delay).toBeGreaterThanOrEqual(22_000);
    expect(delay).toBeLessThanOrEqual(38_500);
    // Not due yet: nothing is sent.
    await expect(sender.sendDue()).resolves.toBe(0);

    for (const attempt of [2, 3]) {
      await ctx.owner.query(
        `UPDATE public.webhook_deliveries SET next_attempt_at = now() WHERE tenant_id = $1`,
        [tenant],
      );
      await sender.sendDue();
      [row] = await deliveriesOf(ctx.owner, tenant);
      expect(row!.attempts).toBe(attempt);
    }
    expect(row).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null });
    expect(sink.requests.filter((r) => r.url === '/down')).toHaveLength(3);
  });

  it('should leave the deliveries of a disabled webhook queued', async () => {
    const tenant = await createTenant(ctx.service);
    const off = await createWebhook(ctx.service, tenant, { url: sinkUrl('/off'), key: KEY });
    await queue(ctx.service, tenant, findingEvents(tenant, 2, 9));
    await ctx.owner.query(
      `UPDATE public.webhooks SET enabled = false WHERE tenant_id = $1 AND id = $2`,
      [tenant, off.id],
    );
    await expect(senderOn(ctx.service).sendDue()).resolves.toBe(0);
    const rows = await deliveriesOf(ctx.owner, tenant);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
  });

  it('should drop the outcome of a claim whose lease ran out and was taken by another sender', async () => {
    const tenant = await createTenant(ctx.service);
    await createWebhook(ctx.service, tenant, { url: sinkUrl('/slow'), key: KEY });
    await queue(ctx.service, tenant, findingEvents(tenant, 1, 10));
    let release: (result: OutboundResult) => void = () => undefined;
    let started: () => void = () => undefined;
    const sending = new Promise<void>((resolve) => (started = resolve));
    const stuck = {
      post: () => {
        started();
        return new Promise<OutboundResult>((resolve) => (release = resolve));
      },
    };
    const first = senderOn(ctx.service, configWith(), stuck);
    const firstRun = first.sendDue();
    await sending;
    // Leased: another sender does not take it.
    await expect(senderOn(replica).sendDue()).resolves.toBe(0);
    // The first sender hangs past its lease: the delivery is due again, and sent by the other.
    await ctx.owner.query(
      `UPDATE public.webhook_deliveries SET next_attempt_at = now() WHERE tenant_id = $1`,
      [tenant],
    );
    await expect(senderOn(replica).sendDue()).resolves.toBe(1);
    release({ kind: 'response', statusCode: 500 });
    await firstRun;

    const [row] = await deliveriesOf(ctx.owner, tenant);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, last_status_code: 204 });
  });

  it('should give claimed but unsent deliveries back when it stops', async () => {
    const tenant = await createTenant(ctx.service);
    await createWebhook(ctx.service, tenant, { url: sinkUrl('/stop'), key: KEY });
    await queue(ctx.service, tenant, findingEvents(tenant, 20, 13));
    const waiting: (() => void)[] = [];
    const slow = {
      post: () =>
        new Promise<OutboundResult>((resolve) => {
          waiting.push(() => resolve({ kind: 'response', statusCode: 200 }));
        }),
    };
    const sender = senderOn(ctx.service, configWith(), slow);
    const run = sender.sendDue();
    // 16 requests in flight (the sender's concurrency), 4 claimed and waiting for a slot.
    while (waiting.length < 16) await new Promise((resolve) => setTimeout(resolve, 10));
    await sender.onModuleDestroy();
    for (const finish of waiting) finish();
    await expect(run).resolves.toBe(16);

    const rows = await deliveriesOf(ctx.owner, tenant);
    expect(rows.filter((r) => r.status === 'succeeded')).toHaveLength(16);
    const back = rows.filter((r) => r.status === 'pending');
    expect(back).toHaveLength(4);
    for (const row of back) {
      expect(row.attempts).toBe(0);
      expect(row.next_attempt_at!.getTime()).toBeLessThanOrEqual(Date.now());
    }
    // Another sender takes them at once.
    await expect(senderOn(replica).sendDue()).resolves.toBe(4);
  });

  it('should check the addresses again at delivery time', async () => {
    const tenant = await createTenant(ctx.service);
    await createWebhook(ctx.service, tenant, {
      url: `http://rebound.example.test:${sink.port}/x`,
      key: KEY,
    });
    await queue(ctx.service, tenant, findingEvents(tenant, 1, 11));
    // Allowed at creation; by now the name resolves to a private address.
    const resolver: HostResolver = () => Promise.resolve([{ address: '10.0.0.9', family: 4 }]);
    const client = new OutboundClient({ allowLoopback: true, timeoutMs: 2_000, resolve: resolver });
    await senderOn(ctx.service, configWith(), client).sendDue();
    const [row] = await deliveriesOf(ctx.owner, tenant);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status_code: null,
      last_error:
        'refused: the host rebound.example.test resolves to 10.0.0.9, a private address; webhooks may only reach public addresses',
    });
    expect(sink.requests.filter((r) => r.url === '/x')).toHaveLength(0);
  });

  it('should record a secret it cannot decrypt, and send nothing without a key', async () => {
    const tenant = await createTenant(ctx.service);
    await createWebhook(ctx.service, tenant, { url: sinkUrl('/key'), key: KEY });
    await queue(ctx.service, tenant, findingEvents(tenant, 1, 12));
    await expect(
      senderOn(ctx.service, configWith({ webhookEncryptionKey: undefined })).sendDue(),
    ).resolves.toBe(0);
    const otherKey = randomBytes(32).toString('base64');
    await senderOn(ctx.service, configWith({ webhookEncryptionKey: otherKey })).sendDue();
    const [row] = await deliveriesOf(ctx.owner, tenant);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error:
        'the signing secret cannot be decrypted with WEBHOOK_ENCRYPTION_KEY (was the key changed?)',
    });
    expect(sink.requests.filter((r) => r.url === '/key')).toHaveLength(0);
  });
});
