import { ALL_CHECKS, FRAMEWORKS } from '@palisade/checks';
import { accountId, DEFAULT_FRAMEWORK } from '@palisade/contracts';
import { nextRunAfter, organizationalUnitId, scanRegion } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQuery, pageSchema } from '../http/pagination';
import { NUL_REFUSED } from '../sources/body-guards';

const noNul = (value: string) => !value.includes('\u0000');

/** How many upcoming run times a schedule shows. */
export const NEXT_RUNS = 5;

const CHECK_IDS: ReadonlySet<string> = new Set(ALL_CHECKS.map((check) => check.metadata.id));
const FRAMEWORK_IDS = FRAMEWORKS.map((framework) => framework.id) as [string, ...string[]];

const timestamp = z.iso.datetime();

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

/** Whether Intl knows the IANA zone (the check the schedules repository makes). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Why `cron` cannot be scheduled in `timeZone` (the scheduler's own parser), or null. */
export function cronProblem(cron: string, timeZone: string, now = new Date()): string | null {
  try {
    nextRunAfter(cron, timeZone, now);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine(noNul, NUL_REFUSED)
  .describe('What the schedule is for')
  .meta({ example: 'Nightly CIS scan' });

const cronSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine(noNul, NUL_REFUSED)
  .describe('A cron expression: 5 fields (minute hour day month weekday), or 6 with seconds first')
  .meta({ example: '0 3 * * *' });

const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'not an IANA time zone (e.g. Europe/Paris, UTC)')
  .describe('The IANA time zone the cron expression is read in (daylight saving included)')
  .meta({ example: 'Europe/Paris' });

const scopeSchema = z
  .strictObject({
    accountIds: z
      .array(accountId)
      .min(1)
      .max(10_000)
      .superRefine(noDuplicates)
      .optional()
      .describe('Scan only these accounts of the source (an `accounts` source must list each)')
      .meta({ example: ['111122223333'] }),
    ouIds: z
      .array(organizationalUnitId)
      .min(1)
      .max(1_000)
      .superRefine(noDuplicates)
      .optional()
      .describe('Scan only the accounts under these OUs (an `organization` source)')
      .meta({ example: ['ou-ab12-cdef3456'] }),
  })
  .superRefine((scope, ctx) => {
    if (scope.accountIds !== undefined && scope.ouIds !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ouIds'],
        message: 'give accountIds or ouIds, not both',
      });
    }
  })
  .describe('Which part of the source each run scans; empty: the whole source (its own scope)');

const regionsSchema = z
  .array(scanRegion)
  .min(1)
  .max(64)
  .superRefine(noDuplicates)
  .describe('Regions to scan; null or absent: the source’s regions (else every enabled one)')
  .meta({ example: ['eu-west-1', 'us-east-1'] });

const frameworksSchema = z
  .array(z.enum(FRAMEWORK_IDS, { error: `a framework is one of ${FRAMEWORK_IDS.join(', ')}` }))
  .min(1)
  .superRefine(noDuplicates)
  .describe(`Run every check of these frameworks (default ${DEFAULT_FRAMEWORK}). Not with checks.`)
  .meta({ example: [DEFAULT_FRAMEWORK] });

const checksSchema = z
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
  .describe('Run only these checks (ids as in docs/checks.md). Not with frameworks.')
  .meta({ example: ['iam_root_mfa_enabled'] });

export const createScheduleSchema = z
  .strictObject({
    sourceId: z.uuid().describe('The source each run scans'),
    name: nameSchema,
    cron: cronSchema,
    timeZone: timeZoneSchema.default('UTC'),
    scope: scopeSchema.default({}),
    regions: regionsSchema.optional(),
    frameworks: frameworksSchema.optional(),
    checks: checksSchema.optional(),
    enabled: z
      .boolean()
      .default(true)
      .describe('A disabled schedule keeps its settings, never fires'),
  })
  .superRefine((body, ctx) => {
    // The fields' own issues (a zone Intl does not know, a NUL character) are reported already.
    if (isTimeZone(body.timeZone) && noNul(body.cron)) {
      const problem = cronProblem(body.cron, body.timeZone);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['cron'], message: problem });
    }
    if (body.frameworks !== undefined && body.checks !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['checks'],
        message: 'give frameworks or checks, not both',
      });
    }
  })
  .describe('Scans of one source on a cron schedule in a time zone');
export type CreateScheduleBody = z.output<typeof createScheduleSchema>;
export class CreateScheduleDto extends createZodDto(createScheduleSchema) {}

export const updateScheduleSchema = z
  .strictObject({
    name: nameSchema.optional(),
    cron: cronSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    scope: scopeSchema.optional().describe('The new scope, replacing the old one'),
    regions: regionsSchema.nullable().optional(),
    frameworks: frameworksSchema.nullable().optional(),
    checks: checksSchema.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .describe(
    'The fields to change; absent ones are kept, null clears a list. A new cron, time zone or ' +
      're-enabling computes the next run from now.',
  );
export type UpdateScheduleBody = z.output<typeof updateScheduleSchema>;
export class UpdateScheduleDto extends createZodDto(updateScheduleSchema) {}

export class ScheduleIdParamDto extends createZodDto(
  z.object({ id: z.uuid().describe('The schedule id') }),
) {}

export class ScheduleListQueryDto extends createZodDto(
  z.object({
    ...pageQuery,
    sourceId: z.uuid().optional().describe('Only schedules of this source'),
  }),
) {}

export const scheduleSchema = z.object({
  id: z.uuid(),
  sourceId: z.uuid(),
  name: z.string().meta({ example: 'Nightly CIS scan' }),
  cron: z.string().meta({ example: '0 3 * * *' }),
  timeZone: z.string().meta({ example: 'Europe/Paris' }),
  scope: z.object({
    accountIds: z.array(z.string()).optional(),
    ouIds: z.array(z.string()).optional(),
  }),
  regions: z.array(z.string()).nullable().describe('null: the source’s regions'),
  frameworks: z.array(z.string()).nullable().describe(`null: ${DEFAULT_FRAMEWORK}`),
  checks: z.array(z.string()).nullable().describe('null: every check of the frameworks'),
  enabled: z.boolean(),
  nextRunAt: timestamp.describe('When the scheduler fires it next'),
  lastFiredAt: timestamp.nullable(),
  nextRuns: z
    .array(timestamp)
    .describe(`The next ${NEXT_RUNS} run times (the first is nextRunAt); empty when disabled`),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ScheduleView = z.infer<typeof scheduleSchema>;
export class ScheduleDto extends createZodDto(scheduleSchema) {}

export class SchedulePageDto extends createZodDto(
  pageSchema(scheduleSchema).describe('Schedules of live sources by name'),
) {}
