import { z } from 'zod';
import {
  accountId,
  checkId,
  DEFAULT_FRAMEWORK,
  isoDateTime,
  region,
  roleArn,
  schemaVersion,
  uuid,
} from '../primitives';

/**
 * One step of the role chain the scanner assumes, in order (hub role, then member role).
 * Never credentials: only what is needed to ask STS for them. An ExternalId is not a secret
 * (AWS documents it as such), but it is tenant-bound, so it only travels inside the job.
 */
export const roleHopSchema = z.object({
  roleArn,
  externalId: z.string().min(2).max(1224).optional(),
});
export type RoleHop = z.infer<typeof roleHopSchema>;

/** A tunable threshold of a check (per tenant), e.g. `iam.unusedCredentialDays: 45`. */
export const settingValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.array(z.number()),
]);

/** One organizational unit of the OU snapshot the organization job reads. */
export const ouNodeSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  path: z.string(),
  parentId: z.string().nullable(),
  accountIds: z.array(accountId),
  policyIds: z.array(z.string()).default([]),
});

export const ouSnapshotSchema = z.object({
  organizationId: z.string().min(1),
  managementAccountId: accountId,
  rootId: z.string().min(1),
  units: z.array(ouNodeSchema),
  policies: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.string().min(1),
        name: z.string(),
        content: z.string(),
        targetIds: z.array(z.string()),
      }),
    )
    .default([]),
  delegatedAdministrators: z
    .array(z.object({ accountId, servicePrincipals: z.array(z.string()) }))
    .default([]),
  featureSet: z.string().optional(),
});
export type OuSnapshot = z.infer<typeof ouSnapshotSchema>;

/** One job for one account (or the organization) of a scan: everything the stateless scanner needs. */
export const scanJobSchema = z
  .object({
    schemaVersion,
    jobId: uuid,
    scanId: uuid,
    tenantId: uuid,
    sourceId: uuid,
    scope: z.enum(['account', 'organization']),
    /** An `accounts` source has no organization: its organization-level checks are MANUAL. */
    sourceKind: z.enum(['organization', 'accounts']),
    accountId,
    /**
     * Empty: the scanner's base identity itself, allowed only for an organization job (a source
     * the single-user CLI made to walk the organization with its own credentials).
     */
    roleChain: z.array(roleHopSchema).max(3),
    sourceIdentity: z.string().min(2).max(64).optional(),
    /** Regions to scan; empty means every region enabled in the account (resolved by the scanner). */
    regions: z.array(region).max(64),
    /** An explicit check selection; empty means every check of `frameworks`. */
    checks: z.array(checkId),
    frameworks: z.array(z.string().min(1)).min(1).default([DEFAULT_FRAMEWORK]),
    settings: z.record(z.string(), settingValue).default({}),
    inspector: z
      .object({
        enabled: z.boolean(),
        delegatedAdminAccountId: accountId.optional(),
        watermarks: z.record(region, isoDateTime).default({}),
      })
      .default({ enabled: false, watermarks: {} }),
    ouSnapshot: ouSnapshotSchema.optional(),
    issuedAt: isoDateTime,
  })
  .refine((job) => job.scope === 'account' || job.ouSnapshot !== undefined, {
    message: 'an organization job carries the OU snapshot',
    path: ['ouSnapshot'],
  })
  .refine((job) => job.scope === 'organization' || job.roleChain.length > 0, {
    message:
      'an account job assumes at least one role (only an organization job may run as the base identity)',
    path: ['roleChain'],
  });
export type ScanJob = z.infer<typeof scanJobSchema>;
