import { createHash, randomBytes } from 'node:crypto';
import { type FindingsChanged, type ScanLifecycle } from '@palisade/contracts';
import { z } from 'zod';

/** Version of every event body below; a breaking change to one is a new version of it. */
export const EVENT_SCHEMA_VERSION = 1 as const;

export const FINDING_EVENT_TYPES = [
  'finding.new',
  'finding.resolved',
  'finding.reopened',
  'finding.suppressed',
  'finding.unsuppressed',
] as const;

export const SCAN_EVENT_TYPES = [
  'scan.completed',
  'scan.completed_with_errors',
  'scan.failed',
  'scan.cancelled',
] as const;

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [...FINDING_EVENT_TYPES, ...SCAN_EVENT_TYPES] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type FindingEventType = (typeof FINDING_EVENT_TYPES)[number];
export type ScanEventType = (typeof SCAN_EVENT_TYPES)[number];

/** `POST /v1/webhooks/{id}/ping`: sent to one webhook whatever it subscribes to. */
export const PING_EVENT_TYPE = 'ping';

const eventId = z
  .string()
  .regex(/^evt_[0-9a-f]{32}$/)
  .describe(
    'The event id: the same for every delivery and redelivery of this event (deduplicate on it)',
  );
const tenantId = z.uuid().describe('The tenant the event belongs to');
const occurredAt = z.iso
  .datetime({ offset: true })
  .describe('When it happened (the normaliser observed the change or closed the scan)');

function envelope<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: eventId,
    type: z.literal(type),
    schemaVersion: z.literal(EVENT_SCHEMA_VERSION),
    occurredAt,
    tenantId,
    data,
  });
}

const findingData = z.object({
  findingUid: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('The finding (GET /v1/findings/{uid})'),
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().describe('An AWS region, or `global`'),
  checkId: z.string().nullable().describe('The check; null for an Amazon Inspector finding'),
  severity: z.enum(['informational', 'low', 'medium', 'high', 'critical', 'unknown']),
  scanId: z.uuid().nullable().describe('The scan that observed it; null for a rule change'),
});

const count = z.number().int().min(0);
const scanData = z.object({
  scanId: z.uuid(),
  status: z.enum(['completed', 'completed_with_errors', 'failed', 'cancelled']),
  counts: z.object({
    accountsDone: count,
    accountsFailed: count,
    accountsSkipped: count,
    findingsNew: count,
    findingsResolved: count,
    findingsReopened: count,
  }),
});

const pingData = z.object({
  webhookId: z.uuid(),
  message: z.string(),
});

export type FindingEventData = z.infer<typeof findingData>;
export type ScanEventData = z.infer<typeof scanData>;

interface CatalogueEntry {
  readonly description: string;
  readonly topic: string;
  readonly schema: z.ZodObject;
}

const FINDING_DESCRIPTIONS: Record<FindingEventType, string> = {
  'finding.new':
    'A finding appeared: a failing check, a manual check to review, or a vulnerability',
  'finding.resolved': 'A failing finding passed in a later scan (or Inspector closed it)',
  'finding.reopened': 'A resolved finding failed again',
  'finding.suppressed': 'A suppression rule now hides the finding',
  'finding.unsuppressed':
    'No rule suppresses the finding any more (rule deleted, changed or expired)',
};

const SCAN_DESCRIPTIONS: Record<ScanEventType, string> = {
  'scan.completed': 'A scan finished and every account was scanned without error',
  'scan.completed_with_errors': 'A scan finished; some accounts or checks reported errors',
  'scan.failed': 'A scan failed: no account could be scanned',
  'scan.cancelled': 'A scan was cancelled; it resolved nothing',
};

function findingEntry(type: FindingEventType): CatalogueEntry {
  return {
    description: FINDING_DESCRIPTIONS[type],
    topic: 'findings.changed',
    schema: envelope(type, findingData),
  };
}

function scanEntry(type: ScanEventType): CatalogueEntry {
  return {
    description: SCAN_DESCRIPTIONS[type],
    topic: 'scan.lifecycle',
    schema: envelope(type, scanData),
  };
}

export type CatalogueEventType = WebhookEventType | typeof PING_EVENT_TYPE;

/** Every event type with its description, source topic and body schema. */
export const EVENT_CATALOGUE: Readonly<Record<CatalogueEventType, CatalogueEntry>> = {
  'finding.new': findingEntry('finding.new'),
  'finding.resolved': findingEntry('finding.resolved'),
  'finding.reopened': findingEntry('finding.reopened'),
  'finding.suppressed': findingEntry('finding.suppressed'),
  'finding.unsuppressed': findingEntry('finding.unsuppressed'),
  'scan.completed': scanEntry('scan.completed'),
  'scan.completed_with_errors': scanEntry('scan.completed_with_errors'),
  'scan.failed': scanEntry('scan.failed'),
  'scan.cancelled': scanEntry('scan.cancelled'),
  ping: {
    description: 'A test event queued by POST /v1/webhooks/{id}/ping (cannot be subscribed to)',
    topic: 'api',
    schema: envelope(PING_EVENT_TYPE, pingData),
  },
};

/** The public body of every webhook request. */
export interface WebhookEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: typeof EVENT_SCHEMA_VERSION;
  readonly occurredAt: string;
  readonly tenantId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** `evt_` + 128 bits of sha256 over the fields that identify an event. */
function deterministicId(parts: readonly string[]): string {
  return `evt_${createHash('sha256').update(parts.join('|'), 'utf8').digest('hex').slice(0, 32)}`;
}

/**
 * The event of a `findings.changed` message. Its id is derived from the message (tenant, finding,
 * change, time), so a redelivered message is the same event and makes no second delivery.
 */
export function findingEvent(message: FindingsChanged): WebhookEvent {
  const type: FindingEventType = `finding.${message.change}`;
  const data: FindingEventData = {
    findingUid: message.findingUid,
    accountId: message.accountId,
    region: message.region,
    checkId: message.checkId ?? null,
    severity: message.severity,
    scanId: message.scanId ?? null,
  };
  return {
    id: deterministicId([
      'findings.changed',
      message.tenantId,
      message.findingUid,
      message.change,
      message.at,
    ]),
    type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    occurredAt: new Date(message.at).toISOString(),
    tenantId: message.tenantId,
    data,
  };
}

/** The event of a `scan.lifecycle` message; a scan closes once, so (scan, status) identifies it. */
export function scanEvent(message: ScanLifecycle): WebhookEvent {
  const type: ScanEventType = `scan.${message.status}`;
  const data: ScanEventData = {
    scanId: message.scanId,
    status: message.status,
    counts: { ...message.counts },
  };
  return {
    id: deterministicId(['scan.lifecycle', message.tenantId, message.scanId, message.status]),
    type,
    schemaVersion: EVENT_SCHEMA_VERSION,
    occurredAt: new Date(message.at).toISOString(),
    tenantId: message.tenantId,
    data,
  };
}

export function pingEvent(tenant: string, webhookId: string, now: Date = new Date()): WebhookEvent {
  return {
    id: `evt_${randomBytes(16).toString('hex')}`,
    type: PING_EVENT_TYPE,
    schemaVersion: EVENT_SCHEMA_VERSION,
    occurredAt: now.toISOString(),
    tenantId: tenant,
    data: { webhookId, message: 'ping from Palisade' },
  };
}

/**
 * The exact body sent: the stored event re-read through its schema, so keys keep the documented
 * order (the database's jsonb does not keep key order). An event that no longer fits its schema
 * is sent as stored.
 */
export function eventBody(stored: unknown, type: string): string {
  const schema = (EVENT_CATALOGUE as Record<string, CatalogueEntry | undefined>)[type]?.schema;
  const parsed = schema?.safeParse(stored);
  return JSON.stringify(parsed?.success === true ? parsed.data : stored);
}

const SCAN_ID = '0f8e4c1a-6b1d-4c57-9d3e-2a7f5b9c1e42';
const TENANT_ID = '6a3f1c2e-9b8d-4e7f-a1c2-3d4e5f6a7b8c';
const AT = '2026-03-01T12:00:00.000Z';

/** A plausible body of each event type (the catalogue's example). */
export function exampleEvent(type: CatalogueEventType): WebhookEvent {
  if (type === PING_EVENT_TYPE) {
    return {
      ...pingEvent(TENANT_ID, '3c9b2d4e-5f60-4a1b-8c7d-9e0f1a2b3c4d', new Date(AT)),
      id: 'evt_5d41402abc4b2a76b9719d911017c592',
    };
  }
  if ((FINDING_EVENT_TYPES as readonly string[]).includes(type)) {
    return findingEvent({
      schemaVersion: 1,
      tenantId: TENANT_ID,
      findingUid: 'a3f5c9e1b7d24f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f2a',
      change: type.slice('finding.'.length) as FindingsChanged['change'],
      accountId: '123456789012',
      region: 'eu-west-1',
      checkId: 's3_bucket_public_access_blocked',
      severity: 'high',
      scanId: SCAN_ID,
      at: AT,
    });
  }
  return scanEvent({
    schemaVersion: 1,
    tenantId: TENANT_ID,
    scanId: SCAN_ID,
    status: type.slice('scan.'.length) as ScanLifecycle['status'],
    counts: {
      accountsDone: 42,
      accountsFailed: type === 'scan.completed' ? 0 : 1,
      accountsSkipped: 3,
      findingsNew: 17,
      findingsResolved: 5,
      findingsReopened: 1,
    },
    at: AT,
  });
}
