import { z } from 'zod';
import { isoDateTime, schemaVersion, uuid } from '../primitives';

/** A suppression rule was created, changed or deleted: the normaliser re-applies rules. */
export const rulesChangedSchema = z.object({
  schemaVersion,
  tenantId: uuid,
  ruleId: uuid,
  change: z.enum(['created', 'updated', 'deleted']),
  at: isoDateTime,
});
export type RulesChanged = z.infer<typeof rulesChangedSchema>;
