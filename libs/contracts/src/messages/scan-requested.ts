import { z } from 'zod';
import { accountId, checkId, isoDateTime, region, schemaVersion, uuid } from '../primitives';

/** A request to scan a source: from `POST /v1/scans` (through the outbox) or a schedule firing. */
export const scanRequestedSchema = z.object({
  schemaVersion,
  scanId: uuid,
  tenantId: uuid,
  sourceId: uuid,
  trigger: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('api'), apiKeyId: z.string().min(1).optional() }),
    z.object({ kind: z.literal('schedule'), scheduleId: uuid, dueAt: isoDateTime }),
    z.object({ kind: z.literal('cli') }),
  ]),
  scope: z
    .object({
      accountIds: z.array(accountId).max(10_000).optional(),
      ouIds: z
        .array(z.string().regex(/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/))
        .optional(),
    })
    .default({}),
  regions: z.array(region).max(64).optional(),
  frameworks: z.array(z.string().min(1)).optional(),
  checks: z.array(checkId).optional(),
  idempotencyKey: z.string().min(1).max(255).optional(),
  requestedAt: isoDateTime,
});
export type ScanRequested = z.infer<typeof scanRequestedSchema>;
