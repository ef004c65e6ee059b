// What a check says about itself. The decision rule is written in words here, so reviewers read
// `docs/checks.md` (generated from this) instead of the code.
import { z } from 'zod';
import { type CollectorKey } from '../collected';

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Where a check runs and how often:
 * - `organization`: once, in the scan's organization job (management or delegated-admin role
 *   and the OU snapshot); MANUAL "no organization context" in the jobs of an `accounts` source;
 * - `account`: once per account job, with region `global` (IAM, account settings, "all regions"
 *   rules that read every scanned region's data);
 * - `region`: once per scanned region of the account job.
 */
export const CHECK_SCOPES = ['organization', 'account', 'region'] as const;
export type CheckScope = (typeof CHECK_SCOPES)[number];

const text = z.string().trim().min(3);

export const checkMetadataSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)+$/),
  title: text.max(200),
  /** The AWS service the check is about; the id starts with it. */
  service: z.string().regex(/^[a-z0-9]+$/),
  scope: z.enum(CHECK_SCOPES),
  severity: z.enum(SEVERITIES),
  /** The type of the resources it reports, e.g. `AwsS3Bucket`, `AwsAccount`, `AwsEc2SecurityGroup`. */
  resourceType: z.string().regex(/^Aws[A-Za-z0-9]+$/),
  description: text,
  risk: text,
  /** `automated` decides PASS/FAIL; `manual` reports MANUAL with evidence for a person to judge. */
  assessment: z.enum(['automated', 'manual']),
  rule: z.strictObject({
    /** The IAM actions / API operations read, e.g. `iam:GetAccountPasswordPolicy`. */
    apis: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/)).min(1),
    pass: text,
    fail: text,
    /** For manual checks: what evidence is collected and what a person decides. */
    manual: text.optional(),
    /** Settings (`<service>.<name>`) the rule reads, with their defaults described. */
    settings: z.array(z.string().regex(/^[a-z0-9]+\.[A-Za-z0-9]+$/)).default([]),
  }),
  remediation: z.strictObject({
    text,
    cli: text.optional(),
    cloudformation: text.optional(),
    terraform: text.optional(),
    url: z.url({ protocol: /^https$/ }),
  }),
  categories: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
  /** Framework id → the requirement ids this check implements. */
  compliance: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});

/** Metadata as written in a `<check_id>.metadata.ts` file. */
export type CheckMetadataInput = z.input<typeof checkMetadataSchema> & {
  /** The collected data the check reads (its collectors run once per account × region). */
  readonly requires: readonly CollectorKey[];
};

export type CheckMetadata = z.output<typeof checkMetadataSchema> & {
  readonly requires: readonly CollectorKey[];
};
