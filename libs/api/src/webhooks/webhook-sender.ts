import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { type ApiSettings, InjectConfig } from '@palisade/config';
import { PALISADE_VERSION } from '@palisade/findings';
import {
  listAllTenants,
  PeriodicTask,
  type TenantId,
  TenantTransactions,
} from '@palisade/persistence';
import { DataSource } from 'typeorm';
import { OutboundClient, type OutboundResult } from './outbound-http';
import { decryptSecret, SecretDecryptionError, secretContext } from './secret-box';
import { eventBody } from './webhook-events';
import {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhookPayload,
} from './webhook-signature';

/** The periodic task's name. */
export const WEBHOOK_SENDER_TASK = 'api-webhook-sender';

/** Injection token of the OutboundClient (tests give one with their own resolver). */
export const WEBHOOK_OUTBOUND_CLIENT = Symbol('WEBHOOK_OUTBOUND_CLIENT');

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 3_600_000;
/** Deliveries claimed per tenant per pass. */
const CLAIM_BATCH = 20;
/** Requests in flight at once per sender. */
const SEND_CONCURRENCY = 16;
/** Tenants claimed from at once. */
const TENANT_CONCURRENCY = 4;
/** Passes per tick: a tenant whose batch was full is visited again in the same tick. */
const MAX_PASSES = 10;
/** A claimed delivery is someone else's to retry if its sender has not recorded it by then. */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

export interface WebhookSenderConfig {
  readonly api: Pick<
    ApiSettings,
    | 'webhookEncryptionKey'
    | 'webhookAllowLoopback'
    | 'webhookMaxAttempts'
    | 'webhookIntervalMs'
    | 'webhookTimeoutMs'
  >;
}

/** After the n-th failed attempt: 30 s × 2^(n−1), capped at 1 h, ±25 % jitter (never above 1 h). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
  return Math.min(Math.round(base * (0.75 + 0.5 * random())), BACKOFF_CAP_MS);
}

export interface AttemptOutcome {
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly nextAttemptAt: Date | null;
  readonly statusCode: number | null;
  readonly error: string | null;
}

/** What an attempt's result makes of the delivery; `attempts` counts this attempt. */
export function outcomeOf(
  result: OutboundResult,
  attempts: number,
  maxAttempts: number,
  now: Date,
  random: () => number = Math.random,
): AttemptOutcome {
  const statusCode = result.kind === 'response' ? result.statusCode : null;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    return { status: 'succeeded', nextAttemptAt: null, statusCode, error: null };
  }
  const error = (
    result.kind === 'response' ? `the receiver answered HTTP ${result.statusCode}` : result.error
  ).slice(0, MAX_ERROR_LENGTH);
  if (attempts >= maxAttempts) {
    return { status: 'failed', nextAttemptAt: null, statusCode, error };
  }
  return {
    status: 'pending',
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, random)),
    statusCode,
    error,
  };
}

interface ClaimedRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  claim_token: string;
  previous_attempt_at: Date | null;
  url: string;
  secret_ciphertext: Buffer;
}

interface Claimed extends ClaimedRow {
  readonly tenantId: TenantId;
}

async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Sends due webhook deliveries. Runs on every api replica every `webhookIntervalMs`; replicas
 * share the work instead of taking turns: per tenant (there is no cross-tenant read for the app
 * role: tenants come from `listAllTenants`), a claim takes up to 20 due deliveries with
 * `FOR UPDATE SKIP LOCKED` and leases them (`next_attempt_at` moves past the request timeout,
 * `last_attempt_at` becomes the claim's token) in a short transaction, so no two senders take the
 * same delivery and none holds a transaction open while it waits on a receiver. The outcome is
 * recorded only by the claim that sent it; a sender that dies mid-send leaves the lease to expire
 * and the delivery is sent again (at-least-once: receivers deduplicate on the event id).
 * Deliveries of one webhook are not ordered.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly client: OutboundClient;
  private task: PeriodicTask | undefined;
  private stopping = false;
  private warnedNoKey = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TenantTransactions,
    @InjectConfig() private readonly config: WebhookSenderConfig,
    @Optional() @Inject(WEBHOOK_OUTBOUND_CLIENT) client?: OutboundClient,
  ) {
    this.client =
      client ??
      new OutboundClient({
        allowLoopback: config.api.webhookAllowLoopback,
        timeoutMs: config.api.webhookTimeoutMs,
      });
  }

  onApplicationBootstrap(): void {
    this.task = new PeriodicTask(
      this.dataSource,
      {
        name: WEBHOOK_SENDER_TASK,
        intervalMs: this.config.api.webhookIntervalMs,
        run: async () => {
          await this.sendDue();
        },
      },
      Math.random,
      // Not under the shared advisory lock: the SKIP LOCKED claims keep replicas apart.
      async (_lock, run) => {
        await run(this.dataSource.manager);
        return { ran: true, value: undefined };
      },
    );
    this.task.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.task?.stop();
  }

  /** One sweep over every active tenant; returns the number of attempts made. */
  async sendDue(now: () => Date = () => new Date()): Promise<number> {
    const key = this.config.api.webhookEncryptionKey;
    if (key === undefined) {
      if (!this.warnedNoKey) {
        this.warnedNoKey = true;
        this.logger.warn('WEBHOOK_ENCRYPTION_KEY is not set: webhook deliveries are not sent');
      }
      return 0;
    }
    let tenants = (await listAllTenants(this.dataSource.manager))
      .filter((t) => t.status === 'active')
      .map((t) => t.id);
    let attempts = 0;
    for (let pass = 0; pass < MAX_PASSES && tenants.length > 0 && !this.stopping; pass += 1) {
      const claimed: Claimed[] = [];
      const full: TenantId[] = [];
      await forEachLimit(tenants, TENANT_CONCURRENCY, async (tenantId) => {
        const rows = await this.claim(tenantId);
        claimed.push(...rows);
        if (rows.length === CLAIM_BATCH) full.push(tenantId);
      });
      // Shutting down: requests in flight finish (bounded by the timeout), the rest go back.
      await forEachLimit(claimed, SEND_CONCURRENCY, async (delivery) => {
        if (this.stopping) {
          await this.release(delivery);
        } else {
          attempts += 1;
          await this.attempt(delivery, key, now);
        }
      });
      tenants = full;
    }
    return attempts;
  }

  private async claim(tenantId: TenantId): Promise<Claimed[]> {
    try {
      const rows = await this.transactions.withTenant(tenantId, (manager) =>
        manager.query<ClaimedRow[]>(
          `WITH due AS (
             SELECT d.id, d.last_attempt_at AS previous_attempt_at
               FROM public.webhook_deliveries d
               JOIN public.webhooks w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id
              WHERE d.tenant_id = $1 AND d.status = 'pending' AND d.next_attempt_at <= now()
                AND w.enabled
              ORDER BY d.next_attempt_at
              LIMIT $2
              FOR UPDATE OF d SKIP LOCKED
           ), claimed AS (
             UPDATE public.webhook_deliveries d
                SET next_attempt_at = now() + make_interval(secs => $3),
                    last_attempt_at = now()
               FROM due
              WHERE d.tenant_id = $1 AND d.id = due.id
             RETURNING d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.attempts,
                       d.last_attempt_at::text AS claim_token, due.previous_attempt_at
           )
           SELECT c.*, w.url, w.secret_ciphertext
             FROM claimed c JOIN public.webhooks w ON w.tenant_id = $1 AND w.id = c.webhook_id`,
          [tenantId, CLAIM_BATCH, (this.config.api.webhookTimeoutMs + LEASE_MARGIN_MS) / 1000],
        ),
      );
      return rows.map((row) => ({ ...row, tenantId }));
    } catch (error) {
      this.logger.error({ tenantId, err: error }, 'webhook deliveries not claimed; next tick');
      return [];
    }
  }

  private async attempt(delivery: Claimed, key: string, now: () => Date): Promise<void> {
    let result: OutboundResult;
    try {
      const secret = decryptSecret(
        delivery.secret_ciphertext,
        key,
        secretContext(delivery.tenantId, delivery.webhook_id),
      );
      const body = eventBody(delivery.payload, delivery.event_type);
      const signature = signWebhookPayload(secret, body, Math.floor(now().getTime() / 1000));
      result = await this.client.post({
        url: delivery.url,
        body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': `Palisade-Webhooks/${PALISADE_VERSION}`,
          [SIGNATURE_HEADER]: signature,
          [EVENT_ID_HEADER]: delivery.event_id,
          [EVENT_TYPE_HEADER]: delivery.event_type,
          [DELIVERY_ID_HEADER]: delivery.id,
        },
      });
    } catch (error) {
      result = {
        kind: 'error',
        error:
          error instanceof SecretDecryptionError
            ? `${error.message} (was the key changed?)`
            : `not sent: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const outcome = outcomeOf(
      result,
      delivery.attempts + 1,
      this.config.api.webhookMaxAttempts,
      now(),
    );
    try {
      await this.record(delivery, outcome);
    } catch (error) {
      // The lease runs out and the delivery is sent again: at-least-once.
      this.logger.error(
        { tenantId: delivery.tenantId, deliveryId: delivery.id, err: error },
        'webhook attempt not recorded',
      );
    }
  }

  /** Gives a claimed delivery back unsent (due now, as it was before the claim). */
  private async release(delivery: Claimed): Promise<void> {
    try {
      await this.transactions.withTenant(delivery.tenantId, (manager) =>
        manager.query(
          `WITH released AS (
             UPDATE public.webhook_deliveries
                SET next_attempt_at = now(), last_attempt_at = $4
              WHERE tenant_id = $1 AND id = $2 AND status = 'pending'
                AND last_attempt_at = $3::timestamptz
             RETURNING id
           ) SELECT id FROM released`,
          [delivery.tenantId, delivery.id, delivery.claim_token, delivery.previous_attempt_at],
        ),
      );
    } catch (error) {
      // The lease runs out instead.
      this.logger.warn(
        { tenantId: delivery.tenantId, deliveryId: delivery.id, err: error },
        'claimed webhook delivery not released',
      );
    }
  }

  private async record(delivery: Claimed, outcome: AttemptOutcome): Promise<void> {
    const recorded = await this.transactions.withTenant(delivery.tenantId, (manager) =>
      manager.query<{ id: string }[]>(
        `WITH done AS (
           UPDATE public.webhook_deliveries
              SET status = $4, attempts = attempts + 1, next_attempt_at = $5,
                  last_status_code = $6, last_error = $7,
                  delivered_at = CASE WHEN $4 = 'succeeded' THEN now() ELSE delivered_at END
            WHERE tenant_id = $1 AND id = $2 AND status = 'pending'
              AND last_attempt_at = $3::timestamptz
           RETURNING id
         ) SELECT id FROM done`,
        [
          delivery.tenantId,
          delivery.id,
          delivery.claim_token,
          outcome.status,
          outcome.nextAttemptAt,
          outcome.statusCode,
          outcome.error,
        ],
      ),
    );
    if (recorded.length === 0) {
      this.logger.warn(
        { tenantId: delivery.tenantId, deliveryId: delivery.id },
        'webhook delivery changed while it was sent (lease expired or deleted); outcome dropped',
      );
    } else if (outcome.status === 'failed') {
      this.logger.warn(
        { tenantId: delivery.tenantId, deliveryId: delivery.id, error: outcome.error },
        'webhook delivery failed for good',
      );
    }
  }
}
