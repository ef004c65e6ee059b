import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { type ApiSettings, InjectConfig } from '@palisade/config';
import { advisoryLockKey, type TenantId } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';
import { conflict, invalidField, notFound, ProblemException } from '../http/problem';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { TenantDb } from '../tenancy/tenant-db';
import {
  type HostResolver,
  parseWebhookTarget,
  resolveTarget,
  UnsafeTargetError,
} from './address-policy';
import { systemResolver, withResolveTimeout } from './outbound-http';
import { encryptSecret, generateSigningSecret, secretContext } from './secret-box';
import {
  type CatalogueEventType,
  EVENT_CATALOGUE,
  EVENT_SCHEMA_VERSION,
  exampleEvent,
  PING_EVENT_TYPE,
  pingEvent,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from './webhook-events';
import {
  type DeliveryView,
  type EventCatalogueView,
  type WebhookView,
  type WebhookWithSecretView,
  DELIVERY_STATUSES,
} from './webhooks.dto';

/** Webhooks per tenant. */
export const MAX_WEBHOOKS_PER_TENANT = 25;

export interface WebhooksConfig {
  readonly api: Pick<ApiSettings, 'webhookEncryptionKey' | 'webhookAllowLoopback'>;
}

interface WebhookRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  created_at_text: string;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  status: (typeof DELIVERY_STATUSES)[number];
  attempts: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  created_at_text: string;
}

const WEBHOOK_COLUMNS = `id, url, description, events, enabled, created_at, updated_at,
  created_at::text AS created_at_text`;

const DELIVERY_COLUMNS = `id, webhook_id, event_id, event_type, payload, status, attempts,
  next_attempt_at, last_attempt_at, last_status_code, last_error, created_at, delivered_at,
  created_at::text AS created_at_text`;

/** A page position: the last row's `created_at` (as Postgres prints it, microseconds kept) and id. */
const cursorSchema = z.tuple([
  z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/),
  z.uuid(),
]);

function iso(date: Date): string {
  return date.toISOString();
}

function webhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.filter((e): e is WebhookEventType =>
      (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    ),
    enabled: row.enabled,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at === null ? null : iso(row.next_attempt_at),
    lastAttemptAt: row.last_attempt_at === null ? null : iso(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    deliveredAt: row.delivered_at === null ? null : iso(row.delivered_at),
    payload: row.payload,
  };
}

function uniqueEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type));
}

/** Newest first; the page ends with `created_at, id` of its last row. */
function page<R extends { created_at_text: string; id: string }, V>(
  rows: R[],
  limit: number,
  view: (row: R) => V,
): { items: V[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor([last.created_at_text, last.id])
        : null,
  };
}

/** CRUD of a tenant's webhooks, their delivery log, redelivery and ping. */
@Injectable()
export class WebhooksService {
  private readonly resolve: HostResolver = withResolveTimeout(systemResolver);

  constructor(
    private readonly db: TenantDb,
    @InjectConfig() private readonly config: WebhooksConfig,
  ) {}

  catalogue(): EventCatalogueView {
    const types = Object.keys(EVENT_CATALOGUE) as CatalogueEventType[];
    return {
      items: types.map((type) => {
        const entry = EVENT_CATALOGUE[type];
        return {
          type,
          schemaVersion: EVENT_SCHEMA_VERSION,
          description: entry.description,
          source: entry.topic,
          subscribable: type !== PING_EVENT_TYPE,
          schema: z.toJSONSchema(entry.schema),
          example: { ...exampleEvent(type) },
        };
      }),
    };
  }

  async create(
    tenantId: TenantId,
    body: { url: string; events: WebhookEventType[]; description?: string; enabled?: boolean },
  ): Promise<WebhookWithSecretView> {
    await this.checkUrl(body.url);
    const key = this.encryptionKey();
    const id = randomUUID();
    const secret = generateSigningSecret();
    const ciphertext = encryptSecret(secret, key, secretContext(tenantId, id));
    const row = await this.db.run(tenantId, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1::bigint)', [
        advisoryLockKey(`api-webhooks:${tenantId}`).toString(),
      ]);
      const [{ count } = { count: 0 }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM public.webhooks WHERE tenant_id = $1',
        [tenantId],
      );
      if (count >= MAX_WEBHOOKS_PER_TENANT) {
        throw conflict(`a tenant has at most ${MAX_WEBHOOKS_PER_TENANT} webhooks`);
      }
      const [inserted] = await manager.query<WebhookRow[]>(
        `INSERT INTO public.webhooks (tenant_id, id, url, description, events, secret_ciphertext, enabled)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7)
         RETURNING ${WEBHOOK_COLUMNS}`,
        [
          tenantId,
          id,
          body.url,
          body.description ?? '',
          uniqueEvents(body.events),
          ciphertext,
          body.enabled ?? true,
        ],
      );
      return inserted as WebhookRow;
    });
    return { ...webhookView(row), secret };
  }

  async list(
    tenantId: TenantId,
    query: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: WebhookView[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, cursorSchema);
    const rows = await this.db.run(tenantId, (manager) =>
      manager.query<WebhookRow[]>(
        `SELECT ${WEBHOOK_COLUMNS} FROM public.webhooks
          WHERE tenant_id = $1
            AND ($2::timestamptz IS NULL OR created_at < $2::timestamptz
                 OR (created_at = $2::timestamptz AND id > $3::uuid))
          ORDER BY created_at DESC, id
          LIMIT $4`,
        [tenantId, after?.[0] ?? null, after?.[1] ?? null, query.limit + 1],
      ),
    );
    return page(rows, query.limit, webhookView);
  }

  async get(tenantId: TenantId, id: string): Promise<WebhookView> {
    return this.db.run(tenantId, async (manager) =>
      webhookView(await this.find(manager, tenantId, id)),
    );
  }

  async update(
    tenantId: TenantId,
    id: string,
    body: {
      url?: string | undefined;
      events?: WebhookEventType[] | undefined;
      description?: string | undefined;
      enabled?: boolean | undefined;
    },
  ): Promise<WebhookView> {
    if (body.url !== undefined) await this.checkUrl(body.url);
    const row = await this.db.run(tenantId, async (manager) => {
      const [updated] = await manager.query<WebhookRow[]>(
        `WITH updated AS (
           UPDATE public.webhooks
              SET url = coalesce($3, url),
                  events = coalesce($4::text[], events),
                  description = coalesce($5, description),
                  enabled = coalesce($6, enabled)
            WHERE tenant_id = $1 AND id = $2
           RETURNING ${WEBHOOK_COLUMNS}
         ) SELECT * FROM updated`,
        [
          tenantId,
          id,
          body.url ?? null,
          body.events === undefined ? null : uniqueEvents(body.events),
          body.description ?? null,
          body.enabled ?? null,
        ],
      );
      return updated;
    });
    if (!row) throw notFound('webhook', id);
    return webhookView(row);
  }

  async remove(tenantId: TenantId, id: string): Promise<void> {
    const deleted = await this.db.run(tenantId, (manager) =>
      manager.query<{ id: string }[]>(
        `WITH deleted AS (
           DELETE FROM public.webhooks WHERE tenant_id = $1 AND id = $2 RETURNING id
         ) SELECT id FROM deleted`,
        [tenantId, id],
      ),
    );
    if (deleted.length === 0) throw notFound('webhook', id);
  }

  /** A new secret replaces the old one at once (shown once); the old one stops signing. */
  async rotateSecret(tenantId: TenantId, id: string): Promise<WebhookWithSecretView> {
    const key = this.encryptionKey();
    const secret = generateSigningSecret();
    const ciphertext = encryptSecret(secret, key, secretContext(tenantId, id));
    const row = await this.db.run(tenantId, async (manager) => {
      const [updated] = await manager.query<WebhookRow[]>(
        `WITH updated AS (
           UPDATE public.webhooks SET secret_ciphertext = $3
            WHERE tenant_id = $1 AND id = $2
           RETURNING ${WEBHOOK_COLUMNS}
         ) SELECT * FROM updated`,
        [tenantId, id, ciphertext],
      );
      return updated;
    });
    if (!row) throw notFound('webhook', id);
    return { ...webhookView(row), secret };
  }

  async deliveries(
    tenantId: TenantId,
    webhookId: string,
    query: { limit: number; cursor?: string | undefined; status?: string | undefined },
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, cursorSchema);
    const rows = await this.db.run(tenantId, async (manager) => {
      await this.find(manager, tenantId, webhookId);
      return manager.query<DeliveryRow[]>(
        `SELECT ${DELIVERY_COLUMNS} FROM public.webhook_deliveries
          WHERE tenant_id = $1 AND webhook_id = $2
            AND ($3::text IS NULL OR status = $3)
            AND ($4::timestamptz IS NULL OR created_at < $4::timestamptz
                 OR (created_at = $4::timestamptz AND id > $5::uuid))
          ORDER BY created_at DESC, id
          LIMIT $6`,
        [
          tenantId,
          webhookId,
          query.status ?? null,
          after?.[0] ?? null,
          after?.[1] ?? null,
          query.limit + 1,
        ],
      );
    });
    return page(rows, query.limit, deliveryView);
  }

  /** Queues the delivery again: pending, due now (attempts keep counting). */
  async redeliver(
    tenantId: TenantId,
    webhookId: string,
    deliveryId: string,
  ): Promise<DeliveryView> {
    return this.db.run(tenantId, async (manager) => {
      const webhook = await this.find(manager, tenantId, webhookId);
      const [delivery] = await manager.query<DeliveryRow[]>(
        `SELECT ${DELIVERY_COLUMNS} FROM public.webhook_deliveries
          WHERE tenant_id = $1 AND webhook_id = $2 AND id = $3`,
        [tenantId, webhookId, deliveryId],
      );
      if (!delivery) throw notFound('delivery', deliveryId);
      if (!webhook.enabled) throw conflict('the webhook is disabled; enable it first');
      const [row] = await manager.query<DeliveryRow[]>(
        `WITH queued AS (
           UPDATE public.webhook_deliveries
              SET status = 'pending', next_attempt_at = now()
            WHERE tenant_id = $1 AND webhook_id = $2 AND id = $3
           RETURNING ${DELIVERY_COLUMNS}
         ) SELECT * FROM queued`,
        [tenantId, webhookId, deliveryId],
      );
      return deliveryView(row as DeliveryRow);
    });
  }

  /** Queues a `ping` event to this webhook (whatever it subscribes to). */
  async ping(tenantId: TenantId, webhookId: string): Promise<DeliveryView> {
    return this.db.run(tenantId, async (manager) => {
      const webhook = await this.find(manager, tenantId, webhookId);
      if (!webhook.enabled) throw conflict('the webhook is disabled; enable it first');
      const event = pingEvent(tenantId, webhookId);
      const [row] = await manager.query<DeliveryRow[]>(
        `INSERT INTO public.webhook_deliveries (tenant_id, webhook_id, event_id, event_type, payload)
         VALUES ($1, $2, $3, $4, $5::jsonb)
         RETURNING ${DELIVERY_COLUMNS}`,
        [tenantId, webhookId, event.id, event.type, JSON.stringify(event)],
      );
      return deliveryView(row as DeliveryRow);
    });
  }

  private async find(manager: EntityManager, tenantId: TenantId, id: string): Promise<WebhookRow> {
    const [row] = await manager.query<WebhookRow[]>(
      `SELECT ${WEBHOOK_COLUMNS} FROM public.webhooks WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    if (!row) throw notFound('webhook', id);
    return row;
  }

  private encryptionKey(): string {
    const key = this.config.api.webhookEncryptionKey;
    if (key === undefined) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'webhook-encryption-key-missing',
        'webhook encryption key not configured: the operator must set WEBHOOK_ENCRYPTION_KEY',
      );
    }
    return key;
  }

  /** The outbound policy at creation: refused here already, and checked again on every attempt. */
  private async checkUrl(url: string): Promise<void> {
    const policy = { allowLoopback: this.config.api.webhookAllowLoopback };
    try {
      await resolveTarget(parseWebhookTarget(url, policy), this.resolve, policy);
    } catch (error) {
      if (error instanceof UnsafeTargetError) throw invalidField('body.url', error.reason);
      throw error;
    }
  }
}
