import { accountId } from '@palisade/contracts';
import {
  ACCOUNT_STATES,
  organizationalUnitId,
  SCAN_JOB_STATUSES,
  SCAN_STATUSES,
} from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';
import { NUL_REFUSED } from '../sources/body-guards';

const noNul = (value: string) => !value.includes('\u0000');

const timestamp = z.iso.datetime();

/** One value or the parameter repeated (`?state=ACTIVE&state=SUSPENDED`), always a list after. */
function oneOrMany<T extends z.ZodType>(item: T, max: number) {
  return z
    .union([item, z.array(item).max(max)])
    .transform((value): z.output<T>[] => (Array.isArray(value) ? value : [value]));
}

const accountIdParam = accountId
  .describe('A 12-digit AWS account id')
  .meta({ example: '111122223333' });

const tagFilter = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[^=]+(=.*)?$/s, 'a tag filter is key=value, or key for any value')
  .refine(noNul, NUL_REFUSED)
  .transform((value) => {
    const at = value.indexOf('=');
    return at < 0 ? { key: value } : { key: value.slice(0, at), value: value.slice(at + 1) };
  });

export const listAccountsQuerySchema = z.object({
  ...pageQuery,
  sourceId: z.uuid().optional().describe('Only accounts of this source'),
  ouId: organizationalUnitId
    .optional()
    .describe('Only accounts in this OU (or root) and every OU beneath it')
    .meta({ example: 'ou-ab12-cdef3456' }),
  state: oneOrMany(z.enum(ACCOUNT_STATES), ACCOUNT_STATES.length)
    .optional()
    .describe('Only accounts in one of these AWS states (repeat the parameter for several)')
    .meta({ example: 'ACTIVE' }),
  tag: oneOrMany(tagFilter, 20)
    .optional()
    .describe('`key=value` (or `key`, any value); repeated, every filter must match')
    .meta({ example: 'env=prod' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .refine(noNul, NUL_REFUSED)
    .optional()
    .describe('Text in the account name (any case), or the start of the account id')
    .meta({ example: 'payments' }),
  includeRemoved: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Also accounts that left the organization or the source’s list'),
});
export type ListAccountsQuery = z.output<typeof listAccountsQuerySchema>;
export class ListAccountsQueryDto extends createZodDto(listAccountsQuerySchema) {}

export class AccountIdParamDto extends createZodDto(z.object({ accountId: accountIdParam })) {}

export class AccountGetQueryDto extends createZodDto(
  z.object({
    sourceId: z
      .uuid()
      .optional()
      .describe(
        'The source to read the account from, when several have it (default: the one where ' +
          'it is present and was seen last)',
      ),
  }),
) {}

const ouRefSchema = z.object({
  id: z.string().meta({ example: 'ou-ab12-cdef3456' }),
  name: z.string().meta({ example: 'Workloads' }),
});

export const accountSchema = z.object({
  accountId: accountIdParam,
  name: z.string().meta({ example: 'payments-prod' }),
  email: z.string().nullable().meta({ example: 'aws+payments-prod@example.com' }),
  state: z.enum(ACCOUNT_STATES).describe('The AWS state as last discovered'),
  sourceId: z.uuid(),
  sourceName: z.string(),
  ouPath: z
    .array(ouRefSchema)
    .describe('The OUs from the root down to the account’s parent; empty for `accounts` sources'),
  ouPathText: z
    .string()
    .nullable()
    .describe('The same path as names')
    .meta({ example: '/Root/Workloads/Prod' }),
  tags: z.record(z.string(), z.string()).meta({ example: { env: 'prod' } }),
  joinedAt: timestamp.nullable().describe('When it joined the organization'),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp.describe('When discovery last found it'),
  removedAt: timestamp.nullable().describe('When it left the organization or list; null: present'),
  lastScan: z
    .object({
      scanId: z.uuid(),
      scanStatus: z.enum(SCAN_STATUSES),
      jobStatus: z.enum(SCAN_JOB_STATUSES).describe('How the account’s own job of that scan went'),
      requestedAt: timestamp,
      startedAt: timestamp.nullable(),
      finishedAt: timestamp.nullable(),
      errorCode: z.string().nullable().meta({ example: 'ASSUME_ROLE_DENIED' }),
      skipReason: z.string().nullable(),
    })
    .nullable()
    .describe('The latest scan of the source that had a job for this account'),
  posture: z
    .array(
      z.object({
        framework: z.string().meta({ example: 'cis-aws-foundations-v7.0.0' }),
        day: z.iso.date().describe('The day of the latest posture snapshot'),
        passed: z.number().int(),
        failed: z.number().int(),
        manual: z.number().int(),
        errored: z.number().int(),
        suppressed: z.number().int(),
        score: z
          .number()
          .nullable()
          .describe('100 × passed / (passed + failed), 2 decimals; null without either'),
      }),
    )
    .describe('Per framework, the latest daily posture snapshot of the account'),
});
export type AccountView = z.infer<typeof accountSchema>;
export class AccountDto extends createZodDto(accountSchema) {}

export class AccountPageDto extends createZodDto(
  pageSchema(accountSchema).describe('Accounts by account id, then source'),
) {}

export class OuTreeQueryDto extends createZodDto(
  z.object({ sourceId: z.uuid().optional().describe('Only this source’s tree') }),
) {}

interface OuNodeShape {
  id: string;
  name: string;
  path: string;
  accountCount: number;
  totalAccountCount: number;
  children: OuNodeShape[];
}

export const ouNodeSchema: z.ZodType<OuNodeShape> = z
  .object({
    id: z.string().meta({ example: 'ou-ab12-cdef3456' }),
    name: z.string().meta({ example: 'Workloads' }),
    path: z.string().meta({ example: '/Root/Workloads' }),
    accountCount: z.number().int().describe('Present accounts directly in this OU'),
    totalAccountCount: z.number().int().describe('Present accounts in it and beneath it'),
    get children(): z.ZodArray<z.ZodType<OuNodeShape>> {
      return z.array(ouNodeSchema);
    },
  })
  .meta({ id: 'OrganizationalUnitNode' });

export const ouTreeSchema = z.object({
  items: z.array(
    z.object({
      sourceId: z.uuid(),
      sourceName: z.string(),
      roots: z
        .array(ouNodeSchema)
        .describe('The organization root (and any OU left without parent)'),
    }),
  ),
});
export type OuTreeView = z.infer<typeof ouTreeSchema>;
export class OuTreeDto extends createZodDto(
  ouTreeSchema.describe('The OU tree of each live organization source, as last discovered'),
) {}
