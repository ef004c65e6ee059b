import { z } from 'zod';
import {
  accountId,
  checkId,
  errorCode,
  isoDateTime,
  region,
  schemaVersion,
  uuid,
} from '../primitives';

export const checkStatus = z.enum(['PASS', 'FAIL', 'MANUAL', 'ERROR']);
export type CheckStatus = z.infer<typeof checkStatus>;

/** Evidence is small, JSON-shaped and never holds credentials. */
const evidence = z.record(z.string(), z.unknown());

/** One check result about one resource (or about a whole scope, through its pseudo resource). */
export const checkResultSchema = z
  .object({
    checkId,
    status: checkStatus,
    region,
    resourceUid: z.string().min(1).max(2048),
    resourceType: z.string().min(1).max(256),
    message: z.string().min(1).max(4000),
    evidence: evidence.optional(),
    errorCode: errorCode.optional(),
  })
  .refine((r) => (r.status === 'ERROR') === (r.errorCode !== undefined), {
    message: 'an ERROR result carries an errorCode, and only an ERROR result does',
    path: ['errorCode'],
  });
export type CheckResult = z.infer<typeof checkResultSchema>;

/** An Amazon Inspector2 finding, with what the normaliser maps to an OCSF Vulnerability Finding. */
export const inspectorFindingSchema = z.object({
  findingArn: z.string().regex(/^arn:aws[a-z-]*:inspector2:/, 'an Inspector2 finding ARN'),
  region,
  status: z.enum(['ACTIVE', 'SUPPRESSED', 'CLOSED']),
  severity: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNTRIAGED']),
  type: z.string().min(1),
  title: z.string(),
  description: z.string().default(''),
  firstObservedAt: isoDateTime,
  lastObservedAt: isoDateTime,
  updatedAt: isoDateTime,
  resource: z.object({
    type: z.string().min(1),
    id: z.string().min(1),
    region: region.optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  vulnerability: z
    .object({
      id: z.string().min(1),
      cvss: z
        .array(
          z.object({ version: z.string(), baseScore: z.number(), vector: z.string().optional() }),
        )
        .default([]),
      packages: z
        .array(
          z.object({
            name: z.string(),
            version: z.string().optional(),
            fixedInVersion: z.string().optional(),
            packageManager: z.string().optional(),
          }),
        )
        .default([]),
      fixAvailable: z.enum(['YES', 'NO', 'PARTIAL']).optional(),
      exploitAvailable: z.enum(['YES', 'NO']).optional(),
      exploitLastSeenAt: isoDateTime.optional(),
      referenceUrls: z.array(z.string()).default([]),
      remediation: z.string().optional(),
    })
    .optional(),
  inspectorScore: z.number().optional(),
});
export type InspectorFinding = z.infer<typeof inspectorFindingSchema>;

const batchBase = {
  schemaVersion,
  tenantId: uuid,
  scanId: uuid,
  jobId: uuid,
  accountId,
  /** Position of this batch in its job, so a redelivered batch is recognisable. */
  batchSeq: z.number().int().min(0),
  producedAt: isoDateTime,
};

/** A batch of results of one job; kept well under the broker's message size limit. */
export const findingsRawSchema = z.discriminatedUnion('kind', [
  z.object({
    ...batchBase,
    kind: z.literal('check-results'),
    results: z.array(checkResultSchema).min(1).max(2000),
  }),
  z.object({
    ...batchBase,
    kind: z.literal('inspector-findings'),
    findings: z.array(inspectorFindingSchema).min(1).max(500),
  }),
]);
export type FindingsRaw = z.infer<typeof findingsRawSchema>;
