import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';
import { EVENT_SCHEMA_VERSION, exampleEvent, WEBHOOK_EVENT_TYPES } from './webhook-events';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** Postgres text cannot hold NUL: refused here rather than failing in the database. */
const noNul = (value: string) => !value.includes('\u0000');
const NUL_REFUSED = 'must not contain NUL characters';

const url = z
  .string()
  .min(1)
  .max(2048)
  .refine(noNul, NUL_REFUSED)
  .describe(
    'Where events are POSTed: an https URL whose host resolves only to public addresses ' +
      '(private, loopback, link-local, CGNAT, multicast and unspecified addresses are refused)',
  )
  .meta({ example: 'https://hooks.example.com/palisade' });

const events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(50)
  .describe('Event types to receive (GET /v1/webhooks/events lists them)')
  .meta({ example: ['finding.new', 'finding.resolved', 'scan.completed'] });

const description = z
  .string()
  .max(500)
  .refine(noNul, NUL_REFUSED)
  .describe('Free text for people')
  .meta({ example: 'Security channel in Slack' });

const enabled = z
  .boolean()
  .describe('A disabled webhook receives nothing; events are not queued for it')
  .meta({ example: true });

export class CreateWebhookDto extends createZodDto(
  z.strictObject({
    url,
    events,
    description: description.optional(),
    enabled: enabled.optional(),
  }),
) {}

export class UpdateWebhookDto extends createZodDto(
  z.strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    enabled: enabled.optional(),
  }),
) {}

export class WebhookIdParamsDto extends createZodDto(
  z.object({ id: z.uuid().describe('The webhook id') }),
) {}

export class WebhookDeliveryParamsDto extends createZodDto(
  z.object({
    id: z.uuid().describe('The webhook id'),
    deliveryId: z.uuid().describe('The delivery id'),
  }),
) {}

export class ListWebhooksQueryDto extends createZodDto(z.object({ ...pageQuery })) {}

export class ListWebhookDeliveriesQueryDto extends createZodDto(
  z.object({
    ...pageQuery,
    status: z.enum(DELIVERY_STATUSES).optional().describe('Only deliveries in this state'),
  }),
) {}

const timestamp = z.iso.datetime({ offset: true });

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string().meta({ example: 'https://hooks.example.com/palisade' }),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type WebhookView = z.infer<typeof webhookSchema>;

export class WebhookDto extends createZodDto(webhookSchema) {}

export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z
    .string()
    .describe(
      'The signing secret, shown only in this response (and on rotation): store it now. ' +
        'Palisade keeps it encrypted and never returns it again.',
    )
    .meta({ example: 'whsec_Vt3kq0Xg9mJ2nYcR8sLw4pB6dF1hA5eZ7uT0oI3xK9Q' }),
});
export type WebhookWithSecretView = z.infer<typeof webhookWithSecretSchema>;

export class WebhookWithSecretDto extends createZodDto(webhookWithSecretSchema) {}

export class WebhookPageDto extends createZodDto(pageSchema(webhookSchema)) {}

export const deliverySchema = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  eventId: z.string().describe('The event id (also the Palisade-Event-Id header)'),
  eventType: z.string().meta({ example: 'finding.new' }),
  status: z
    .enum(DELIVERY_STATUSES)
    .describe(
      'pending (queued or retrying), succeeded (a 2xx answer), failed (attempts exhausted)',
    ),
  attempts: z.number().int().min(0).describe('Attempts made so far'),
  nextAttemptAt: timestamp.nullable().describe('When the next attempt is due; null once final'),
  lastAttemptAt: timestamp.nullable(),
  lastStatusCode: z
    .number()
    .int()
    .nullable()
    .describe("The receiver's HTTP status on the last attempt; null if it did not answer"),
  lastError: z
    .string()
    .nullable()
    .describe('Why the last attempt failed (HTTP status, timeout, refused address, …)'),
  createdAt: timestamp,
  deliveredAt: timestamp.nullable().describe('When a 2xx answer was received'),
  payload: z
    .record(z.string(), z.unknown())
    .describe('The event body sent')
    .meta({ example: exampleEvent('finding.new') }),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

export class WebhookDeliveryDto extends createZodDto(deliverySchema) {}

export class WebhookDeliveryPageDto extends createZodDto(pageSchema(deliverySchema)) {}

export const catalogueEntrySchema = z.object({
  type: z.string().meta({ example: 'finding.new' }),
  schemaVersion: z.literal(EVENT_SCHEMA_VERSION),
  description: z.string(),
  source: z
    .string()
    .describe('Where it comes from: the findings.changed or scan.lifecycle stream, or the API'),
  subscribable: z.boolean().describe('False for ping, which is sent on request only'),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema (2020-12) of the event body'),
  example: z.record(z.string(), z.unknown()).describe('An example body'),
});

const eventCatalogueSchema = z.object({ items: z.array(catalogueEntrySchema) });
export type EventCatalogueView = z.infer<typeof eventCatalogueSchema>;

export class WebhookEventCatalogueDto extends createZodDto(eventCatalogueSchema) {}
