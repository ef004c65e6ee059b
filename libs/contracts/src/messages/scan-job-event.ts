import { z } from 'zod';
import {
  accountId,
  checkId,
  errorCode,
  errorRecord,
  isoDateTime,
  region,
  schemaVersion,
  uuid,
} from '../primitives';

const eventBase = {
  schemaVersion,
  tenantId: uuid,
  scanId: uuid,
  jobId: uuid,
  accountId,
  at: isoDateTime,
};

/** How many results a job produced for one (region, check) scope: the resolution gate. */
export const scopeCountSchema = z.object({ region, checkId, count: z.number().int().min(0) });
export type ScopeCount = z.infer<typeof scopeCountSchema>;

export const scanJobEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('started'), worker: z.string().min(1) }),
  z.object({
    ...eventBase,
    type: z.literal('progress'),
    regionsDone: z.number().int().min(0),
    regionsTotal: z.number().int().min(0),
    checksDone: z.number().int().min(0),
  }),
  z.object({
    ...eventBase,
    type: z.literal('finished'),
    /** Results per (region, check) scope; a scope absent here was not evaluated. */
    scopeCounts: z.array(scopeCountSchema),
    batches: z.number().int().min(0),
    errors: z.array(errorRecord),
    regions: z.object({
      scanned: z.array(region),
      notEnabled: z.array(region).default([]),
      failed: z.array(z.object({ region, code: errorCode, message: z.string() })).default([]),
    }),
    inspector: z
      .object({
        status: z.enum(['ENABLED', 'NOT_ENABLED', 'ERROR', 'SKIPPED']),
        findings: z.number().int().min(0),
        watermarks: z.record(region, isoDateTime).default({}),
      })
      .optional(),
    sourceIdentityUsed: z.boolean().optional(),
    timings: z.object({ startedAt: isoDateTime, durationMs: z.number().int().min(0) }),
    apiCalls: z.number().int().min(0),
    cancelled: z.boolean().default(false),
  }),
  z.object({
    ...eventBase,
    type: z.literal('skipped'),
    reason: z.enum(['SUSPENDED', 'REMOVED', 'OUT_OF_SCOPE', 'CANCELLED']),
    message: z.string(),
  }),
  z.object({
    ...eventBase,
    type: z.literal('failed'),
    code: errorCode,
    message: z.string().max(2000),
  }),
]);
export type ScanJobEvent = z.infer<typeof scanJobEventSchema>;
