import { z } from 'zod';
import { accountId, checkId, isoDateTime, region, schemaVersion, uuid } from '../primitives';

/** A finding moved in its lifecycle (the webhook catalogue's finding events). */
export const findingsChangedSchema = z.object({
  schemaVersion,
  tenantId: uuid,
  findingUid: z.string().regex(/^[0-9a-f]{64}$/, 'a finding uid is a sha256 hex digest'),
  change: z.enum(['new', 'resolved', 'reopened', 'suppressed', 'unsuppressed']),
  accountId,
  region,
  checkId: checkId.optional(),
  severity: z.enum(['informational', 'low', 'medium', 'high', 'critical', 'unknown']),
  scanId: uuid.optional(),
  at: isoDateTime,
});
export type FindingsChanged = z.infer<typeof findingsChangedSchema>;
