import { ALL_CHECKS, FRAMEWORKS } from '@palisade/checks';
import { accountId as accountIdSchema, DEFAULT_FRAMEWORK } from '@palisade/contracts';
import { organizationalUnitId, SCAN_JOB_STATUSES, SCAN_STATUSES } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';

/** How many jobs `GET /v1/scans/{id}` embeds; `GET /v1/scans/{id}/jobs` pages through all. */
export const DETAIL_JOBS = 100;
/** How many errors each job lists; `errorsTotal` counts them all. */
export const JOB_ERRORS_LISTED = 100;
/** `Idempotency-Key` values of this prefix are the scheduler's (`schedule:<id>:<dueAt>`). */
export const RESERVED_KEY_PREFIX = 'schedule:';

const CHECK_IDS: ReadonlySet<string> = new Set(ALL_CHECKS.map((c) => c.metadata.id));
const FRAMEWORK_IDS = FRAMEWORKS.map((f) => f.id) as [string, ...string[]];

/**
 * An AWS region name of a known partition and direction (eu-west-1, us-gov-west-1, cn-north-1,
 * ap-southeast-7). A well-formed name the account has not enabled is scanned as `notEnabled`.
 */
const REGION_NAME =
  /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob|us-isof|eu-isoe)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/;

/** Adds an issue at each repeated entry of a list. */
function noDuplicates(values: readonly string[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) {
      ctx.addIssue({ code: 'custom', path: [index], message: `${value} is listed twice` });
    }
    seen.add(value);
  });
}

const regionName = z
  .string()
  .regex(REGION_NAME, 'not an AWS region name (e.g. eu-west-1, us-gov-west-1)');

export const createScanSchema = z
  .strictObject({
    sourceId: z.uuid().describe('The source to scan (`GET /v1/sources`)'),
    accountIds: z
      .array(accountIdSchema)
      .min(1)
      .max(10_000)
      .superRefine(noDuplicates)
      .optional()
      .describe(
        'Scan only these accounts of the source (an `accounts` source must list each). ' +
          'Omit for every account in the source’s scope. Not with `ouIds`.',
      )
      .meta({ example: ['123456789012'] }),
    ouIds: z
      .array(organizationalUnitId)
      .min(1)
      .max(1_000)
      .superRefine(noDuplicates)
      .optional()
      .describe(
        'Scan only the accounts under these OUs (an `organization` source). Not with `accountIds`.',
      )
      .meta({ example: ['ou-ab12-cdef3456'] }),
    regions: z
      .array(regionName)
      .min(1)
      .max(64)
      .superRefine(noDuplicates)
      .optional()
      .describe('Regions to scan; omit for the source’s regions (else every enabled region)')
      .meta({ example: ['eu-west-1', 'us-east-1'] }),
    frameworks: z
      .array(z.enum(FRAMEWORK_IDS, { error: `a framework is one of ${FRAMEWORK_IDS.join(', ')}` }))
      .min(1)
      .superRefine(noDuplicates)
      .optional()
      .describe(
        `Run every check of these frameworks (default ${DEFAULT_FRAMEWORK}). Not with \`checks\`.`,
      )
      .meta({ example: [DEFAULT_FRAMEWORK] }),
    checks: z
      .array(z.string().max(128))
      .min(1)
      .max(CHECK_IDS.size)
      .superRefine((ids, ctx) => {
        ids.forEach((id, index) => {
          if (!CHECK_IDS.has(id)) {
            ctx.addIssue({ code: 'custom', path: [index], message: `no check has the id ${id}` });
          }
        });
        noDuplicates(ids, ctx);
      })
      .optional()
      .describe('Run only these checks (ids as in docs/checks.md). Not with `frameworks`.')
      .meta({ example: ['iam_root_mfa_enabled'] }),
  })
  .superRefine((body, ctx) => {
    if (body.accountIds !== undefined && body.ouIds !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ouIds'],
        message: 'give accountIds or ouIds, not both',
      });
    }
    if (body.frameworks !== undefined && body.checks !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: 'give frameworks or checks, not both',
      });
    }
  })
  .describe('What to scan: a source, optionally narrowed to accounts or OUs, regions and checks');
export type CreateScanBody = z.output<typeof createScanSchema>;
export class CreateScanDto extends createZodDto(createScanSchema) {}

/** The selection a scan was requested with (as `POST /v1/scans` takes it). */
const scanRequestSchema = z
  .object({
    accountIds: z.array(z.string()).optional(),
    ouIds: z.array(z.string()).optional(),
    regions: z.array(z.string()).optional(),
    frameworks: z.array(z.string()).optional(),
    checks: z.array(z.string()).optional(),
  })
  .describe('The selection the scan was requested with; an absent field means "all"');

const isoTime = z.iso.datetime({ offset: true });

/** `scans.counts`, as the normaliser keeps them (empty until the scan's first job event). */
export const SCAN_COUNT_KEYS = [
  'accountsTotal',
  'accountsDone',
  'accountsFailed',
  'accountsSkipped',
  'accountsCancelled',
  'organizationJobsTotal',
  'organizationJobsDone',
  'organizationJobsFailed',
  'organizationJobsSkipped',
  'organizationJobsCancelled',
  'jobsWithErrors',
  'findingsNew',
  'findingsResolved',
  'findingsReopened',
] as const;

const countsSchema = z
  .object(
    Object.fromEntries(SCAN_COUNT_KEYS.map((key) => [key, z.number().int().optional()])) as Record<
      (typeof SCAN_COUNT_KEYS)[number],
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .describe(
    'Jobs by outcome (accounts and the organization-level job apart) and findings new, resolved ' +
      'and reopened by this scan; empty until the scan starts',
  );

export const scanSchema = z
  .object({
    id: z.uuid(),
    sourceId: z.uuid(),
    status: z
      .enum(SCAN_STATUSES)
      .describe('queued → running → completed | completed_with_errors | failed | cancelled'),
    trigger: z
      .object({
        kind: z.enum(['api', 'schedule', 'cli']),
        apiKeyId: z.string().optional().describe('The key that created it (kind `api`)'),
        scheduleId: z.uuid().optional().describe('The schedule that fired it (kind `schedule`)'),
        dueAt: isoTime.optional(),
      })
      .describe('Who asked for the scan'),
    request: scanRequestSchema,
    idempotencyKey: z.string().nullable(),
    counts: countsSchema,
    error: z.string().nullable().describe('What went wrong, for a person; null when clean'),
    requestedAt: isoTime,
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
    cancelRequestedAt: isoTime
      .nullable()
      .describe('When a cancel was requested; from then on the scan resolves no finding'),
    links: z.object({
      self: z.string().meta({ example: '/v1/scans/0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c' }),
      jobs: z.string().describe('Every job of the scan, paginated'),
      cancel: z.string(),
    }),
  })
  .meta({
    example: {
      id: '0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
      sourceId: '5f0c4b1e-6a43-4d5e-9b1c-2a7e3f8d9c10',
      status: 'queued',
      trigger: { kind: 'api', apiKeyId: 'k3y1d0000000abcd' },
      request: { accountIds: ['123456789012'], regions: ['eu-west-1'] },
      idempotencyKey: 'nightly-2026-11-28',
      counts: {},
      error: null,
      requestedAt: '2026-11-28T23:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      cancelRequestedAt: null,
      links: {
        self: '/v1/scans/0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c',
        jobs: '/v1/scans/0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c/jobs',
        cancel: '/v1/scans/0b0e8a52-1b7e-4c9e-9d1a-8e4b6d1f2a3c/cancel',
      },
    },
  });
export type ScanView = z.output<typeof scanSchema>;
export class ScanDto extends createZodDto(scanSchema) {}

const jobErrorSchema = z.object({
  code: z.string().describe('A stable UPPER_SNAKE_CASE code (ACCESS_DENIED, JOB_TIMEOUT, …)'),
  message: z.string(),
  region: z.string().optional(),
  checkId: z.string().optional(),
  collector: z.string().optional(),
});

export const scanJobSchema = z
  .object({
    jobId: z.uuid(),
    accountId: z.string().describe('The AWS account (the management account for `organization`)'),
    scope: z
      .enum(['account', 'organization'])
      .describe('`organization`: the organization-level checks, run with the management role'),
    status: z.enum(SCAN_JOB_STATUSES),
    progress: z
      .object({
        regionsDone: z.number().int(),
        regionsTotal: z.number().int(),
        checksDone: z.number().int(),
        at: isoTime,
      })
      .nullable()
      .describe('The last progress the scanner reported while the job ran; null if none'),
    result: z
      .object({
        scopesEvaluated: z.number().int().describe('(region, check) pairs evaluated'),
        results: z.number().int(),
        regionsScanned: z.array(z.string()),
        regionsNotEnabled: z.array(z.string()),
        cancelled: z.boolean().describe('The job stopped at a check boundary on a cancel'),
      })
      .nullable()
      .describe("The job's final report; null until it finishes"),
    skip: z
      .object({ reason: z.string(), message: z.string().nullable() })
      .nullable()
      .describe('Why the account was not scanned (SUSPENDED, REMOVED, OUT_OF_SCOPE, CANCELLED)'),
    errors: z
      .array(jobErrorSchema)
      .describe(
        `The job's failure and the errors of its final report (at most ${JOB_ERRORS_LISTED})`,
      ),
    errorsTotal: z.number().int().describe('How many errors the job has in all'),
    startedAt: isoTime.nullable(),
    finishedAt: isoTime.nullable(),
  })
  .describe("One job of the scan: an account's progress, outcome and errors");
export type ScanJobView = z.output<typeof scanJobSchema>;
export class ScanJobDto extends createZodDto(scanJobSchema) {}

export const scanDetailSchema = scanSchema.extend({
  jobTotals: z
    .object({
      total: z.number().int(),
      pending: z.number().int(),
      running: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
      cancelled: z.number().int(),
      withErrors: z.number().int().describe('Failed, or finished with errors'),
    })
    .describe('Every job of the scan by status (accounts and the organization job)'),
  accounts: z
    .array(scanJobSchema)
    .describe(
      `The first ${DETAIL_JOBS} jobs by scope then account id (account jobs first); ` +
        'the rest through `links.jobs`',
    ),
  accountsNextCursor: z
    .string()
    .nullable()
    .describe('Pass as `cursor` to `links.jobs` for the jobs after `accounts`; null if none'),
});
export type ScanDetailView = z.output<typeof scanDetailSchema>;
export class ScanDetailDto extends createZodDto(scanDetailSchema) {}

export const scanPageSchema = pageSchema(scanSchema);
export class ScanPageDto extends createZodDto(scanPageSchema) {}

export const scanJobPageSchema = pageSchema(scanJobSchema);
export class ScanJobPageDto extends createZodDto(scanJobPageSchema) {}

export const listScansQuerySchema = z
  .object({
    status: z.enum(SCAN_STATUSES).optional().describe('Only scans in this status'),
    sourceId: z.uuid().optional().describe('Only scans of this source'),
    since: isoTime.optional().describe('Requested at or after this time (ISO 8601)'),
    until: isoTime.optional().describe('Requested before this time (ISO 8601)'),
    ...pageQuery,
  })
  .superRefine((query, ctx) => {
    if (query.since && query.until && Date.parse(query.since) >= Date.parse(query.until)) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'until must be after since' });
    }
  });
export type ListScansQuery = z.output<typeof listScansQuerySchema>;
export class ListScansQueryDto extends createZodDto(listScansQuerySchema) {}

export const listJobsQuerySchema = z.object({
  status: z.enum(SCAN_JOB_STATUSES).optional().describe('Only jobs in this status'),
  ...pageQuery,
});
export type ListJobsQuery = z.output<typeof listJobsQuerySchema>;
export class ListJobsQueryDto extends createZodDto(listJobsQuerySchema) {}

export const scanIdParamSchema = z.object({ id: z.uuid().describe('The scan id') });
export class ScanIdParamDto extends createZodDto(scanIdParamSchema) {}
