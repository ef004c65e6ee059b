import { accountId, roleArn } from '@palisade/contracts';
import { z } from 'zod';
import { parseOrThrow } from './validation';

export const SOURCE_KINDS = ['organization', 'accounts'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A scannable AWS region (not `global`): eu-west-1, us-gov-west-1, cn-north-1… */
export const scanRegion = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region looks like eu-west-1');
/** An IAM role name (no path, no ARN): the role every member account has. */
export const iamRoleName = z
  .string()
  .regex(
    /^[\w+=,.@-]{1,64}$/,
    'an IAM role name is 1-64 characters of letters, digits and +=,.@_-',
  );
/** An organizational unit id, or the root id. */
export const organizationalUnitId = z
  .string()
  .regex(
    /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/,
    'an OU id looks like ou-ab12-cdef3456 (or r-ab12 for the root)',
  );

/** `{ key, values }`: the tag `key` with one of `values`; an empty `values` matches any value. */
export const tagFilter = z.strictObject({
  key: z.string().min(1, 'a tag key is not empty').max(128, 'a tag key is at most 128 characters'),
  values: z
    .array(z.string().max(256, 'a tag value is at most 256 characters'))
    .max(50, 'at most 50 values per tag filter'),
});
export type TagFilter = z.output<typeof tagFilter>;

const regions = z
  .array(scanRegion)
  .min(1, 'regions, when given, lists at least one region (omit it for every enabled region)')
  .max(64, 'at most 64 regions');

const accountList = z.array(accountId).max(10_000, 'at most 10000 accounts');
const ouList = z.array(organizationalUnitId).max(1_000, 'at most 1000 OUs');
const tagList = z.array(tagFilter).max(50, 'at most 50 tag filters');

/** Which accounts of the organization a scan covers. Empty include lists mean "all". */
export const organizationScopeSchema = z
  .strictObject({
    includeOus: ouList.default([]),
    excludeOus: ouList.default([]),
    includeAccounts: accountList.default([]),
    excludeAccounts: accountList.default([]),
    includeTags: tagList.default([]),
    excludeTags: tagList.default([]),
  })
  .superRefine((scope, ctx) => {
    for (const [include, exclude] of [
      ['includeOus', 'excludeOus'],
      ['includeAccounts', 'excludeAccounts'],
    ] as const) {
      const excluded = new Set<string>(scope[exclude]);
      const both = scope[include].filter((id) => excluded.has(id));
      if (both.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: [exclude],
          message: `${include} and ${exclude} both list ${both.join(', ')}`,
        });
      }
    }
  });
export type OrganizationScope = z.output<typeof organizationScopeSchema>;

/**
 * An AWS Organization: discovery assumes `managementRoleArn` (the management account, or a
 * delegated administrator) to walk it, then `memberRoleName` in every member account — through
 * `hubRoleArn` first when given.
 */
export const organizationSourceConfigSchema = z.strictObject({
  /**
   * Absent: the base identity itself walks the organization (its credentials are the management
   * account's). Only the single-user CLI creates such sources; the REST API requires the role, so
   * a tenant never gets Palisade's own identity (the confused-deputy problem).
   */
  managementRoleArn: roleArn.optional(),
  memberRoleName: iamRoleName,
  hubRoleArn: roleArn.optional(),
  inspectorDelegatedAdminAccountId: accountId.optional(),
  scope: organizationScopeSchema.default({
    includeOus: [],
    excludeOus: [],
    includeAccounts: [],
    excludeAccounts: [],
    includeTags: [],
    excludeTags: [],
  }),
  regions: regions.optional(),
});
export type OrganizationSourceConfig = z.output<typeof organizationSourceConfigSchema>;
export type OrganizationSourceConfigInput = z.input<typeof organizationSourceConfigSchema>;

/** A list of separate accounts (an MSSP's clients): `roleArn` overrides `memberRoleName` per account. */
export const accountsSourceConfigSchema = z.strictObject({
  accounts: z
    .array(z.strictObject({ accountId, roleArn: roleArn.optional() }))
    .min(1, 'list at least one account')
    .max(10_000, 'at most 10000 accounts')
    .superRefine((accounts, ctx) => {
      const seen = new Set<string>();
      accounts.forEach((account, index) => {
        if (seen.has(account.accountId)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'accountId'],
            message: `account ${account.accountId} is listed twice`,
          });
        }
        seen.add(account.accountId);
      });
    }),
  memberRoleName: iamRoleName,
  hubRoleArn: roleArn.optional(),
  regions: regions.optional(),
});
export type AccountsSourceConfig = z.output<typeof accountsSourceConfigSchema>;
export type AccountsSourceConfigInput = z.input<typeof accountsSourceConfigSchema>;

export const SOURCE_CONFIG_SCHEMAS = {
  organization: organizationSourceConfigSchema,
  accounts: accountsSourceConfigSchema,
} as const;

export type SourceConfigOf<K extends SourceKind> = z.output<(typeof SOURCE_CONFIG_SCHEMAS)[K]>;
export type SourceConfig = OrganizationSourceConfig | AccountsSourceConfig;

export const sourceNameSchema = z
  .string()
  .trim()
  .min(1, 'a source name is not empty')
  .max(128, 'a source name is at most 128 characters');

/** A source as a caller defines it: name, kind and the config of that kind. */
export const sourceDefinitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name: sourceNameSchema,
    kind: z.literal('organization'),
    config: organizationSourceConfigSchema,
    preflight: z.boolean().default(true),
  }),
  z.strictObject({
    name: sourceNameSchema,
    kind: z.literal('accounts'),
    config: accountsSourceConfigSchema,
    preflight: z.boolean().default(true),
  }),
]);
export type SourceDefinition = z.output<typeof sourceDefinitionSchema>;
export type SourceDefinitionInput = z.input<typeof sourceDefinitionSchema>;

/** The config of a `kind` of source, or `INVALID_ARGUMENT` listing every bad field. */
export function parseSourceConfig<K extends SourceKind>(
  kind: K,
  value: unknown,
): SourceConfigOf<K> {
  return parseOrThrow(
    SOURCE_CONFIG_SCHEMAS[kind],
    value,
    `${kind} source config`,
  ) as SourceConfigOf<K>;
}

/** A whole source definition, or `INVALID_ARGUMENT` listing every bad field. */
export function parseSourceDefinition(value: unknown): SourceDefinition {
  return parseOrThrow(sourceDefinitionSchema, value, 'source');
}
