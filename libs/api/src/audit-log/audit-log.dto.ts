import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';

const instant = z.iso.datetime({ offset: true });

export const auditLogQuerySchema = z
  .object({
    ...pageQuery,
    action: z
      .string()
      .min(1)
      .max(300)
      .optional()
      .describe('Only this action: the method and the route pattern')
      .meta({ example: 'POST /v1/api-keys' }),
    actorKeyId: z
      .string()
      .regex(/^(operator|[a-z0-9]{16})$/, 'a key id (16 lower-case letters or digits) or operator')
      .optional()
      .describe('Only the writes of this key (`operator` for the operator key)')
      .meta({ example: 'k3y1d0f16charsxx' }),
    since: instant
      .optional()
      .describe('Only writes at or after this instant (ISO 8601)')
      .meta({ example: '2026-11-01T00:00:00Z' }),
    until: instant
      .optional()
      .describe('Only writes before this instant (ISO 8601)')
      .meta({ example: '2026-12-01T00:00:00Z' }),
  })
  .refine(
    (q) =>
      q.since === undefined || q.until === undefined || Date.parse(q.since) < Date.parse(q.until),
    { path: ['until'], message: 'must be after since' },
  );
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export class AuditLogQueryDto extends createZodDto(auditLogQuerySchema) {}

export const auditEntrySchema = z.object({
  id: z.string().describe('Increasing per tenant').meta({ example: '1042' }),
  at: z.iso.datetime().describe('When the write was answered'),
  actorKind: z.enum(['operator', 'tenant']).describe('Who wrote: a tenant key or the operator'),
  actorKeyId: z
    .string()
    .describe('The id of the key that made the request (`operator` for the operator key)'),
  action: z
    .string()
    .describe('The method and the route pattern')
    .meta({ example: 'DELETE /v1/api-keys/:id' }),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().describe('The request path').meta({ example: '/v1/api-keys/k3y1d0f16charsxx' }),
  resourceType: z
    .string()
    .nullable()
    .describe('The resource written')
    .meta({ example: 'api-keys' }),
  resourceId: z.string().nullable().describe('The id of the resource written, when there is one'),
  statusCode: z
    .number()
    .int()
    .describe('The response status: refused writes (4xx) are recorded too')
    .meta({ example: 204 }),
  requestId: z.string().nullable().describe('The request id of the logs'),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export class AuditLogPageDto extends createZodDto(pageSchema(auditEntrySchema)) {}
