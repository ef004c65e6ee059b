import { Injectable, Logger } from '@nestjs/common';
import { type FindingsChanged, type ScanLifecycle, Topics } from '@palisade/contracts';
import { type Delivered, MessageHandler, TransientError } from '@palisade/messaging';
import { isTransientDatabaseError, type TenantId, TenantTransactions } from '@palisade/persistence';
import { type EntityManager } from 'typeorm';
import { findingEvent, scanEvent, type WebhookEvent } from './webhook-events';

const BATCH = { maxSize: 200, maxWaitMs: 50 } as const;

/**
 * Queues one `webhook_deliveries` row for every event of the batch and every enabled webhook of
 * the event's tenant subscribed to its type, in one transaction (the tenant set per tenant
 * group). `UNIQUE (tenant_id, webhook_id, event_id)` and the deterministic event ids make a
 * redelivered message a no-op. Returns the rows queued.
 */
export async function queueDeliveries(
  manager: EntityManager,
  tenantId: TenantId,
  events: readonly WebhookEvent[],
): Promise<number> {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const rows = await manager.query<{ id: string }[]>(
    `WITH queued AS (
       INSERT INTO public.webhook_deliveries (tenant_id, webhook_id, event_id, event_type, payload)
       SELECT $1, w.id, e.id, e.type, e.payload
         FROM jsonb_to_recordset($2::jsonb) AS e(id text, type text, payload jsonb)
         JOIN public.webhooks w
           ON w.tenant_id = $1 AND w.enabled AND e.type = ANY (w.events)
       ON CONFLICT (tenant_id, webhook_id, event_id) DO NOTHING
       RETURNING id
     ) SELECT id FROM queued`,
    [tenantId, JSON.stringify(unique.map((e) => ({ id: e.id, type: e.type, payload: e })))],
  );
  return rows.length;
}

/** Consumes `findings.changed` and `scan.lifecycle` (group `palisade-api-webhooks`). */
@Injectable()
export class WebhookEventsConsumer {
  private readonly logger = new Logger(WebhookEventsConsumer.name);

  constructor(private readonly transactions: TenantTransactions) {}

  @MessageHandler(Topics.findingsChanged, { batch: BATCH })
  async onFindingsChanged(batch: readonly Delivered<FindingsChanged>[]): Promise<void> {
    await this.queue(batch.map((d) => findingEvent(d.message)));
  }

  @MessageHandler(Topics.scanLifecycle, { batch: BATCH })
  async onScanLifecycle(batch: readonly Delivered<ScanLifecycle>[]): Promise<void> {
    await this.queue(batch.map((d) => scanEvent(d.message)));
  }

  private async queue(events: readonly WebhookEvent[]): Promise<void> {
    let results;
    try {
      results = await this.transactions.withTenantGroups(
        events,
        (e) => e.tenantId,
        (manager, tenantId, items) => queueDeliveries(manager, tenantId, items),
      );
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        throw new TransientError(
          'DATABASE_UNAVAILABLE',
          `${events.length} webhook events not queued, the database is unavailable`,
          { cause: error },
        );
      }
      throw error;
    }
    for (const { tenantId, result } of results) {
      if (result > 0) this.logger.debug({ tenantId, queued: result }, 'webhook deliveries queued');
    }
  }
}
