// The webhook events consumer on the real Postgres as the service role: one delivery per event
// and subscribed, enabled webhook of the event's own tenant; a redelivered message is a no-op.
import { randomBytes, randomUUID } from 'node:crypto';
import { type FindingsChanged, type ScanLifecycle } from '@palisade/contracts';
import { type Delivered, type MessageMeta } from '@palisade/messaging';
import {
  openTestDataSources,
  TenantTransactions,
  type TenantId,
  type TestDataSources,
} from '@palisade/persistence';
import { createTenant, createWebhook } from './test/webhook-fixtures';
import { findingEvent, scanEvent } from './webhook-events';
import { WebhookEventsConsumer } from './webhook-events.consumer';

const KEY = randomBytes(32).toString('base64');
const SCAN_ID = randomUUID();

function delivered<T>(message: T, offset: number): Delivered<T> {
  const meta: MessageMeta = {
    topic: 'test',
    partition: 0,
    offset: String(offset),
    key: null,
    headers: {},
    timestamp: String(Date.now()),
  };
  return { message, meta };
}

function findingMessage(tenantId: TenantId, change: FindingsChanged['change'], n: number) {
  const message: FindingsChanged = {
    schemaVersion: 1,
    tenantId,
    findingUid: n.toString(16).padStart(64, 'f'),
    change,
    accountId: '210987654321',
    region: 'us-east-1',
    checkId: 'cloudtrail_multi_region_enabled',
    severity: 'medium',
    scanId: SCAN_ID,
    at: new Date(Date.UTC(2026, 1, 1, 0, 0, n)).toISOString(),
  };
  return message;
}

describe('WebhookEventsConsumer (real Postgres, as the service role)', () => {
  let ctx: TestDataSources;
  let consumer: WebhookEventsConsumer;

  interface Row {
    tenant_id: string;
    webhook_id: string;
    event_id: string;
    event_type: string;
    payload: unknown;
    status: string;
  }
  const rows = () =>
    ctx.owner.query<Row[]>(
      `SELECT tenant_id, webhook_id, event_id, event_type, payload, status
         FROM public.webhook_deliveries ORDER BY event_type, webhook_id`,
    );

  beforeAll(async () => {
    ctx = await openTestDataSources(4);
    consumer = new WebhookEventsConsumer(new TenantTransactions(ctx.service));
  });
  afterAll(async () => {
    await ctx.close();
  });

  it('should queue each event for the subscribed, enabled webhooks of its own tenant only, once', async () => {
    const a = await createTenant(ctx.service);
    const b = await createTenant(ctx.service);
    const url = 'https://hooks.example.com/x';
    const aNew = await createWebhook(ctx.service, a, { url, key: KEY, events: ['finding.new'] });
    const aAll = await createWebhook(ctx.service, a, {
      url,
      key: KEY,
      events: ['finding.new', 'finding.resolved', 'scan.completed'],
    });
    await createWebhook(ctx.service, a, { url, key: KEY, events: ['finding.new'], enabled: false });
    const bNew = await createWebhook(ctx.service, b, { url, key: KEY, events: ['finding.new'] });

    const batch = [
      delivered(findingMessage(a, 'new', 1), 0),
      delivered(findingMessage(a, 'resolved', 2), 1),
      delivered(findingMessage(a, 'suppressed', 3), 2),
      delivered(findingMessage(b, 'new', 4), 3),
      // The same message twice in one batch (redelivered before the first was committed).
      delivered(findingMessage(b, 'new', 4), 4),
    ];
    await consumer.onFindingsChanged(batch);

    const queued = await rows();
    const expected = [
      [a, aNew.id, findingEvent(findingMessage(a, 'new', 1))],
      [a, aAll.id, findingEvent(findingMessage(a, 'new', 1))],
      [b, bNew.id, findingEvent(findingMessage(b, 'new', 4))],
      [a, aAll.id, findingEvent(findingMessage(a, 'resolved', 2))],
    ] as const;
    expect(queued).toHaveLength(expected.length);
    for (const [tenant, webhook, event] of expected) {
      expect(queued).toContainEqual({
        tenant_id: tenant,
        webhook_id: webhook,
        event_id: event.id,
        event_type: event.type,
        payload: event,
        status: 'pending',
      });
    }

    // The whole batch redelivered: nothing new.
    await consumer.onFindingsChanged(batch);
    expect(await rows()).toHaveLength(expected.length);
  });

  it('should queue scan events for their subscribers', async () => {
    const tenant = await createTenant(ctx.service);
    const url = 'https://hooks.example.com/scans';
    const scans = await createWebhook(ctx.service, tenant, {
      url,
      key: KEY,
      events: ['scan.completed', 'scan.failed'],
    });
    await createWebhook(ctx.service, tenant, { url, key: KEY, events: ['finding.new'] });
    const message = (status: ScanLifecycle['status']): ScanLifecycle => ({
      schemaVersion: 1,
      tenantId: tenant,
      scanId: randomUUID(),
      status,
      counts: {
        accountsDone: 1,
        accountsFailed: 0,
        accountsSkipped: 0,
        findingsNew: 2,
        findingsResolved: 0,
        findingsReopened: 0,
      },
      at: new Date().toISOString(),
    });
    const completed = message('completed');
    await consumer.onScanLifecycle([delivered(completed, 0), delivered(message('cancelled'), 1)]);
    const queued = (await rows()).filter((r) => r.tenant_id === tenant);
    expect(queued).toEqual([
      {
        tenant_id: tenant,
        webhook_id: scans.id,
        event_id: scanEvent(completed).id,
        event_type: 'scan.completed',
        payload: scanEvent(completed),
        status: 'pending',
      },
    ]);
  });
});
