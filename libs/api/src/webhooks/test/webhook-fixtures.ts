import { randomUUID } from 'node:crypto';
import { type FindingsChanged } from '@palisade/contracts';
import { parseTenantId, TenantEntity, type TenantId, withTenant } from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { encryptSecret, generateSigningSecret, secretContext } from '../secret-box';
import { queueDeliveries } from '../webhook-events.consumer';
import { findingEvent, type WebhookEvent, type WebhookEventType } from '../webhook-events';

export async function createTenant(service: DataSource): Promise<TenantId> {
  const id = parseTenantId(randomUUID());
  const slug = `t-${id.slice(0, 8)}`;
  await withTenant(service, id, (manager) =>
    manager.insert(TenantEntity, { id, slug, name: slug }),
  );
  return id;
}

export interface WebhookFixture {
  readonly id: string;
  readonly secret: string;
}

/** A webhook as the API would store it (secret encrypted with `key`). */
export async function createWebhook(
  service: DataSource,
  tenantId: TenantId,
  options: { url: string; key: string; events?: WebhookEventType[]; enabled?: boolean },
): Promise<WebhookFixture> {
  const id = randomUUID();
  const secret = generateSigningSecret();
  await withTenant(service, tenantId, (manager) =>
    manager.query(
      `INSERT INTO public.webhooks (tenant_id, id, url, events, secret_ciphertext, enabled)
       VALUES ($1, $2, $3, $4::text[], $5, $6)`,
      [
        tenantId,
        id,
        options.url,
        options.events ?? ['finding.new'],
        encryptSecret(secret, options.key, secretContext(tenantId, id)),
        options.enabled ?? true,
      ],
    ),
  );
  return { id, secret };
}

/** `count` distinct finding.new events of a tenant. */
export function findingEvents(tenantId: TenantId, count: number, seed = 0): WebhookEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const message: FindingsChanged = {
      schemaVersion: 1,
      tenantId,
      findingUid: (seed * 100_000 + i).toString(16).padStart(64, '0'),
      change: 'new',
      accountId: '123456789012',
      region: 'eu-west-1',
      checkId: 'iam_root_mfa_enabled',
      severity: 'high',
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    };
    return findingEvent(message);
  });
}

export function queue(
  service: DataSource,
  tenantId: TenantId,
  events: readonly WebhookEvent[],
): Promise<number> {
  return withTenant(service, tenantId, (manager) => queueDeliveries(manager, tenantId, events));
}

export interface DeliveryState {
  id: string;
  webhook_id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
}

/** Every delivery of a tenant (as the owner: no tenant needed). */
export function deliveriesOf(owner: DataSource, tenantId: TenantId): Promise<DeliveryState[]> {
  return owner.query<DeliveryState[]>(
    `SELECT id, webhook_id, event_id, status, attempts, next_attempt_at, last_status_code,
            last_error, delivered_at
       FROM public.webhook_deliveries WHERE tenant_id = $1 ORDER BY created_at, event_id`,
    [tenantId],
  );
}
