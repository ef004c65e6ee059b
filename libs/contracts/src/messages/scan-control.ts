import { z } from 'zod';
import { isoDateTime, schemaVersion, uuid } from '../primitives';

/** Broadcast to every scanner: stop this scan's jobs at the next check boundary. */
export const scanControlSchema = z.object({
  schemaVersion,
  scanId: uuid,
  tenantId: uuid,
  action: z.literal('cancel'),
  requestedAt: isoDateTime,
});
export type ScanControl = z.infer<typeof scanControlSchema>;
