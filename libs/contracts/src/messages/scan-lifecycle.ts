import { z } from 'zod';
import { isoDateTime, schemaVersion, uuid } from '../primitives';

const count = z.number().int().min(0);

/** A scan closed, with its counts. */
export const scanLifecycleSchema = z.object({
  schemaVersion,
  tenantId: uuid,
  scanId: uuid,
  status: z.enum(['completed', 'completed_with_errors', 'failed', 'cancelled']),
  counts: z.object({
    accountsDone: count,
    accountsFailed: count,
    accountsSkipped: count,
    findingsNew: count,
    findingsResolved: count,
    findingsReopened: count,
  }),
  at: isoDateTime,
});
export type ScanLifecycle = z.infer<typeof scanLifecycleSchema>;
