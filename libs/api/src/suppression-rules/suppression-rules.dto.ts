import { ALL_CHECKS } from '@palisade/checks';
import { accountId, region } from '@palisade/contracts';
import { organizationalUnitId } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';

const CHECK_IDS = ALL_CHECKS.map((check) => check.metadata.id) as [string, ...string[]];

const EXAMPLE_ID = '5b0c7c9e-2f0a-4a53-9a3e-0c1f8f6d2b41';

/** The criteria of a rule: every one given must match (AND); an empty one matches anything. */
const criteria = {
  accountIds: z
    .array(accountId)
    .max(1_000, 'at most 1000 accounts')
    .describe('Accounts the rule covers (any of them); empty: every account')
    .meta({ example: ['111122223333'] }),
  ouIds: z
    .array(organizationalUnitId)
    .max(1_000, 'at most 1000 OUs')
    .describe('OUs (or the root) whose accounts, at any depth, the rule covers; empty: any')
    .meta({ example: ['ou-ab12-cdef3456'] }),
  regions: z
    .array(region)
    .max(64, 'at most 64 regions')
    .describe('Regions (`global` for global services); empty: every region')
    .meta({ example: ['eu-west-1'] }),
  checkIds: z
    .array(z.enum(CHECK_IDS, { error: 'no such check (docs/checks.md lists them)' }))
    .max(1_000, 'at most 1000 checks')
    .describe('Checks the rule covers; a rule naming checks never matches Inspector findings')
    .meta({ example: ['s3_bucket_public_access_block'] }),
  resourcePattern: z
    .string()
    .min(1, 'a resource pattern is not empty (null for any resource)')
    .max(2_048, 'a resource pattern is at most 2048 characters')
    .nullable()
    .describe('Glob over the resource id (ARN): `*` any run of characters, `?` one; null: any')
    .meta({ example: 'arn:aws:s3:::public-assets-*' }),
  tags: z
    .record(
      z.string().min(1, 'a tag key is not empty').max(128, 'a tag key is at most 128 characters'),
      z.string().max(256, 'a tag value is at most 256 characters'),
    )
    .refine((tags) => Object.keys(tags).length <= 50, 'at most 50 tags')
    .describe('Account tags the account must all carry (key → value); empty: any')
    .meta({ example: { environment: 'sandbox' }, maxProperties: 50 }),
};

const reason = z
  .string()
  .min(1, 'a reason is required')
  .max(2_000, 'a reason is at most 2000 characters')
  .regex(/\S/, 'a reason is not blank')
  .describe('Why these findings are accepted (shown with every suppressed finding)')
  .meta({ example: 'Public website bucket; reviewed by the security team (SEC-142)' });

const futureInstant = z.iso
  .datetime({ offset: true })
  .refine((value) => Date.parse(value) > Date.now(), 'must be in the future');

const CRITERIA = ['accountIds', 'ouIds', 'regions', 'checkIds', 'resourcePattern', 'tags'] as const;

export interface RuleCriteria {
  readonly accountIds: readonly string[];
  readonly ouIds: readonly string[];
  readonly regions: readonly string[];
  readonly checkIds: readonly string[];
  readonly resourcePattern: string | null;
  readonly tags: Readonly<Record<string, string>>;
}

/** A rule without criteria would suppress every finding of the tenant. */
export function hasCriterion(rule: Partial<RuleCriteria>): boolean {
  return CRITERIA.some((name) => {
    const value = rule[name];
    if (value === undefined || value === null) return false;
    if (typeof value === 'string') return true;
    return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
  });
}

/** The same rule for the document: one of the criteria present and not empty. */
const ANY_CRITERION = [
  { required: ['accountIds'], properties: { accountIds: { minItems: 1 } } },
  { required: ['ouIds'], properties: { ouIds: { minItems: 1 } } },
  { required: ['regions'], properties: { regions: { minItems: 1 } } },
  { required: ['checkIds'], properties: { checkIds: { minItems: 1 } } },
  { required: ['resourcePattern'], properties: { resourcePattern: { type: 'string' } } },
  { required: ['tags'], properties: { tags: { minProperties: 1 } } },
];

export const NO_CRITERION =
  'a rule needs at least one criterion (accountIds, ouIds, regions, checkIds, resourcePattern or tags)';

export const createSuppressionRuleSchema = z
  .strictObject({
    accountIds: criteria.accountIds.optional(),
    ouIds: criteria.ouIds.optional(),
    regions: criteria.regions.optional(),
    checkIds: criteria.checkIds.optional(),
    resourcePattern: criteria.resourcePattern.optional(),
    tags: criteria.tags.optional(),
    reason,
    expiresAt: futureInstant
      .nullable()
      .optional()
      .describe('When the rule stops applying (ISO 8601, in the future); null or absent: never')
      .meta({ example: '2031-01-01T00:00:00Z' }),
  })
  .refine(hasCriterion, NO_CRITERION)
  .describe('A suppression rule. The author is the key that makes the request; it cannot be given.')
  .meta({ anyOf: ANY_CRITERION });

export class CreateSuppressionRuleDto extends createZodDto(createSuppressionRuleSchema) {}

export const updateSuppressionRuleSchema = z
  .strictObject({
    accountIds: criteria.accountIds.optional(),
    ouIds: criteria.ouIds.optional(),
    regions: criteria.regions.optional(),
    checkIds: criteria.checkIds.optional(),
    resourcePattern: criteria.resourcePattern.optional(),
    tags: criteria.tags.optional(),
    reason: reason.optional(),
    expiresAt: futureInstant
      .nullable()
      .optional()
      .describe('A new expiry in the future, or null for never; absent: unchanged')
      .meta({ example: '2031-06-30T00:00:00Z' }),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'name at least one field to change',
  })
  .describe(
    'The fields to change; absent fields keep their value, null clears resourcePattern or ' +
      'expiresAt. The rule as changed still needs a criterion. The author becomes the key ' +
      'that makes the request.',
  )
  .meta({ minProperties: 1 });

export class UpdateSuppressionRuleDto extends createZodDto(updateSuppressionRuleSchema) {}

export const RULE_STATES = ['active', 'expired'] as const;

export const listSuppressionRulesQuerySchema = z.strictObject({
  ...pageQuery,
  state: z
    .enum(RULE_STATES)
    .optional()
    .describe('active: no expiry or an expiry in the future; expired: past its expiry; absent: all')
    .meta({ example: 'active' }),
});

export class ListSuppressionRulesQueryDto extends createZodDto(listSuppressionRulesQuerySchema) {}

export const suppressionRuleIdSchema = z.strictObject({
  id: z.uuid().describe('The rule id').meta({ example: EXAMPLE_ID }),
});

export class SuppressionRuleIdDto extends createZodDto(suppressionRuleIdSchema) {}

const instant = z.iso.datetime({ offset: true });

export const suppressionRuleSchema = z
  .object({
    id: z.uuid().meta({ example: EXAMPLE_ID }),
    accountIds: z.array(z.string()).describe('Empty: any account'),
    ouIds: z.array(z.string()).describe('Empty: any OU'),
    regions: z.array(z.string()).describe('Empty: any region'),
    checkIds: z.array(z.string()).describe('Empty: any check (and Inspector findings)'),
    resourcePattern: z.string().nullable().describe('Null: any resource'),
    tags: z.record(z.string(), z.string()).describe('Empty: any account tags'),
    reason: z.string(),
    author: z
      .string()
      .describe('The id of the API key that last wrote the rule')
      .meta({ example: 'k3y1d0000000000a' }),
    expiresAt: instant.nullable().describe('Null: never expires'),
    active: z.boolean().describe('False once past expiresAt'),
    createdAt: instant,
    updatedAt: instant,
  })
  .describe('A suppression rule');

export type SuppressionRuleView = z.output<typeof suppressionRuleSchema>;

export class SuppressionRuleDto extends createZodDto(suppressionRuleSchema) {}

export class SuppressionRulePageDto extends createZodDto(pageSchema(suppressionRuleSchema)) {}
