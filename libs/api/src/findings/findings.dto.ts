import { accountId, checkId, region } from '@palisade/contracts';
import { FINDING_STATUSES, type OcsfFinding } from '@palisade/findings';
import { organizationalUnitId } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { FRAMEWORK_CATALOG } from '../compliance/framework-catalog';
import { pageQuery, pageSchema } from '../http/pagination';
import { FINDING_SEVERITIES, FINDING_SORTS, TOTALS_CAP } from './findings-query';
import { listParam, printable } from './query-lists';

const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const instant = (description: string) =>
  z.iso
    .datetime({ offset: true })
    .refine((s) => {
      const ms = Date.parse(s);
      return !Number.isNaN(ms) && ms >= EARLIEST && ms <= LATEST;
    }, 'a date-time between the years 1000 and 9999')
    .transform((s) => new Date(s))
    .optional()
    .describe(description)
    .meta({ example: '2026-03-01T00:00:00Z' });

const findingsQuerySchema = z
  .strictObject({
    status: listParam(z.enum(FINDING_STATUSES), FINDING_STATUSES.length, 'Lifecycle status').meta({
      example: ['new', 'in_progress'],
    }),
    severity: listParam(z.enum(FINDING_SEVERITIES), FINDING_SEVERITIES.length, 'Severity').meta({
      example: ['critical', 'high'],
    }),
    accountId: listParam(accountId, 1000, 'AWS account id (12 digits)').meta({
      example: ['111122223333'],
    }),
    ouId: listParam(
      organizationalUnitId,
      100,
      'Organizational unit (or root): findings of the accounts now in it or in its descendants',
    ).meta({ example: ['ou-ab12-cdef3456'] }),
    region: listParam(region, 64, 'Region (`global` for global services)').meta({
      example: ['eu-west-1'],
    }),
    checkId: listParam(checkId, 200, 'Check id').meta({ example: ['iam_root_mfa_enabled'] }),
    framework: z
      .string()
      .max(128)
      .optional()
      .describe(
        `Only findings of the checks of this framework (${FRAMEWORK_CATALOG.ids.join(', ')})`,
      )
      .meta({ example: 'cis-aws-foundations-v7.0.0' }),
    requirement: z
      .string()
      .max(64)
      .optional()
      .describe('With `framework`: only findings of the checks mapped to this requirement')
      .meta({ example: '2.5' }),
    resourceType: listParam(
      z.string().regex(/^[A-Za-z0-9_:.-]{1,128}$/, 'a resource type like AwsS3Bucket'),
      50,
      'Resource type (check findings: AwsS3Bucket, …; Inspector2: AWS_EC2_INSTANCE, …)',
    ).meta({ example: ['AwsS3Bucket'] }),
    resourceUid: printable(2048)
      .optional()
      .describe('Exactly this resource (its ARN or id)')
      .meta({ example: 'arn:aws:s3:::my-bucket' }),
    firstSeenFrom: instant('First seen at or after this instant'),
    firstSeenTo: instant('First seen before this instant'),
    lastSeenFrom: instant('Last seen at or after this instant'),
    lastSeenTo: instant('Last seen before this instant'),
    suppressed: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('true: suppressed by a rule or by its source (Inspector2); false: neither'),
    kind: z
      .enum(['check', 'inspector'])
      .optional()
      .describe('check: a check result; inspector: an Amazon Inspector2 finding'),
    text: printable(200)
      .optional()
      .describe(
        'Case-insensitive substring of the title, the resource uid or the check id (literal: % and _ match themselves)',
      )
      .meta({ example: 'root' }),
    sort: z
      .enum(FINDING_SORTS)
      .default('-lastSeenAt')
      .describe(
        'Order: `-` for descending. Ties are broken by uid (ascending under a descending sort, ' +
          'descending otherwise); severity sorts break severity ties by last seen time',
      ),
    include: listParam(
      z.enum(['facets']),
      1,
      '`facets`: also count the matching findings by severity and by status',
    ),
    ...pageQuery,
  })
  // Runs even when a field failed (zod reports every issue): such a field still holds its raw
  // input here (a failed date is a string, not a Date), so each check tests what it reads.
  .superRefine((query, ctx) => {
    const catalog = FRAMEWORK_CATALOG;
    const framework = typeof query.framework === 'string' ? query.framework : undefined;
    if (framework !== undefined && !catalog.framework(framework)) {
      ctx.addIssue({
        code: 'custom',
        path: ['framework'],
        message: `unknown framework; one of ${catalog.ids.join(', ')}`,
      });
    }
    if (typeof query.requirement === 'string') {
      if (framework === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirement'],
          message: 'a requirement needs its framework',
        });
      } else if (
        catalog.framework(framework) &&
        catalog.checksOf(framework, query.requirement) === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirement'],
          message: `not a requirement of ${framework}`,
        });
      }
    }
    for (const [from, to] of [
      ['firstSeenFrom', 'firstSeenTo'],
      ['lastSeenFrom', 'lastSeenTo'],
    ] as const) {
      const start: unknown = query[from];
      const end: unknown = query[to];
      if (start instanceof Date && end instanceof Date && start.getTime() >= end.getTime()) {
        ctx.addIssue({ code: 'custom', path: [to], message: `must be after ${from}` });
      }
    }
  });
export type FindingsQuery = z.output<typeof findingsQuerySchema>;
export class FindingsQueryDto extends createZodDto(findingsQuerySchema) {}

const uidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'a finding uid is 64 hexadecimal characters')
  .transform((s) => s.toLowerCase())
  .describe('The finding uid (sha256 hex)')
  .meta({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' });

export class FindingUidParamDto extends createZodDto(z.object({ uid: uidSchema })) {}

export class FindingHistoryQueryDto extends createZodDto(z.strictObject({ ...pageQuery })) {}

const timestamp = z.iso.datetime();

export const findingItemSchema = z.object({
  uid: z
    .string()
    .describe('Deterministic id: sha256 of tenant, provider, account, region, check, resource'),
  kind: z.enum(['check', 'inspector']),
  title: z.string(),
  severity: z.enum(FINDING_SEVERITIES),
  status: z
    .enum(FINDING_STATUSES)
    .describe(
      'new, in_progress (still failing), resolved, compliant (passes, never failed), manual, error',
    ),
  compliance: z
    .enum(['PASS', 'FAIL', 'MANUAL', 'ERROR'])
    .nullable()
    .describe('The last result of the check; null for an Inspector2 finding'),
  account: z.object({
    id: z.string().meta({ example: '111122223333' }),
    name: z
      .string()
      .nullable()
      .describe('From the inventory; null for an account it does not list'),
  }),
  region: z.string().meta({ example: 'eu-west-1' }),
  checkId: z.string().nullable().describe('null for an Inspector2 finding'),
  resource: z.object({
    uid: z.string().meta({ example: 'arn:aws:s3:::my-bucket' }),
    type: z.string().meta({ example: 'AwsS3Bucket' }),
  }),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
  resolvedAt: timestamp.nullable(),
  suppressed: z
    .object({ ruleId: z.uuid() })
    .nullable()
    .describe('The suppression rule that matches the finding, or null'),
  sourceSuppressed: z.boolean().describe('Inspector2 itself reports the finding suppressed'),
});
export type FindingItem = z.infer<typeof findingItemSchema>;
export class FindingItemDto extends createZodDto(findingItemSchema) {}

const severityCounts = z.object(
  Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, z.number().int()])) as Record<
    (typeof FINDING_SEVERITIES)[number],
    z.ZodNumber
  >,
);
const statusCounts = z.object(
  Object.fromEntries(FINDING_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof FINDING_STATUSES)[number],
    z.ZodNumber
  >,
);

const findingsPageSchema = pageSchema(findingItemSchema).extend({
  totals: z
    .object({
      value: z.number().int(),
      relation: z
        .enum(['eq', 'gte'])
        .describe(`eq: exactly value; gte: more than ${TOTALS_CAP} match, counting stopped there`),
    })
    .describe('How many findings match the filters (all pages)'),
  facets: z
    .object({ severity: severityCounts, status: statusCounts })
    .optional()
    .describe('With include=facets: the matching findings by severity and by status (exact)'),
});
export type FindingsPage = z.infer<typeof findingsPageSchema>;
export class FindingsPageDto extends createZodDto(findingsPageSchema) {}

export const historyEntrySchema = z.object({
  id: z.string().describe('Increasing with time of recording'),
  change: z
    .enum(['new', 'resolved', 'reopened', 'suppressed', 'unsuppressed'])
    .nullable()
    .describe('What was announced on findings.changed; null for an unannounced change'),
  fromStatus: z.enum(FINDING_STATUSES).nullable().describe('null on the first observation'),
  toStatus: z.enum(FINDING_STATUSES),
  suppressedBy: z
    .uuid()
    .nullable()
    .describe('The rule that suppressed (or stopped suppressing) the finding'),
  scanId: z.uuid().nullable(),
  jobId: z.uuid().nullable(),
  observedAt: timestamp.describe('The observation that caused the change'),
  at: timestamp.describe('When Palisade recorded it'),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const historyPageSchema = pageSchema(historyEntrySchema).describe(
  'Status and suppression changes, newest first',
);
export type HistoryPage = z.infer<typeof historyPageSchema>;
export class FindingHistoryPageDto extends createZodDto(historyPageSchema) {}

/** History entries the detail embeds; the rest is paged at /v1/findings/{uid}/history. */
export const DETAIL_HISTORY = 100;

const findingDetailSchema = findingItemSchema.extend({
  ocsf: z
    .looseObject({
      class_uid: z.number().int().meta({ example: 2003 }),
      class_name: z.string().meta({ example: 'Compliance Finding' }),
    })
    .describe(
      'The OCSF 1.8.0 document (Compliance Finding 2003, or Vulnerability Finding 2002) of the ' +
        'last observation, with its status, activity and times set from the finding’s lifecycle',
    ),
  history: z.object({
    items: z.array(historyEntrySchema).describe(`The newest ${DETAIL_HISTORY} changes`),
    next: z
      .string()
      .nullable()
      .describe('The history route for the older changes; null when every change is listed')
      .meta({ example: '/v1/findings/9f86…/history?cursor=eyJ1Ijo…' }),
  }),
});
/** The document is typed as the mappers build it (the schema documents its envelope only). */
export type FindingDetail = Omit<z.infer<typeof findingDetailSchema>, 'ocsf'> & {
  ocsf: OcsfFinding;
};
export class FindingDetailDto extends createZodDto(findingDetailSchema) {}
