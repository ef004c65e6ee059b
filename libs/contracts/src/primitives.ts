import { z } from 'zod';

/** The schema version every message of this `.v1` topic generation carries. */
export const SCHEMA_VERSION = 1 as const;
export const schemaVersion = z.literal(SCHEMA_VERSION);

export const uuid = z.uuid();
export const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
/** An AWS region name, or `global` for global services (IAM, Organizations, S3 account settings). */
export const region = z
  .string()
  .regex(/^(global|[a-z]{2}(-[a-z]+)+-\d)$/, 'a region looks like eu-west-1 (or global)');
export const isoDateTime = z.iso.datetime({ offset: true });
export const checkId = z
  .string()
  .regex(/^[a-z0-9]+(_[a-z0-9]+)+$/, 'a check id is snake_case and starts with its service');
export const roleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'an IAM role ARN');
/** The framework every scan evaluates unless told otherwise. */
export const DEFAULT_FRAMEWORK = 'cis-aws-foundations-v7.0.0';

export const errorCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an error code is UPPER_SNAKE_CASE');

/** An error carried as data (never a PASS): where it happened, a stable code and AWS's message. */
export const errorRecord = z.object({
  region: region.optional(),
  checkId: checkId.optional(),
  collector: z.string().min(1).optional(),
  code: errorCode,
  message: z.string().max(2000),
});
export type ErrorRecord = z.infer<typeof errorRecord>;
