import { accountId } from '@palisade/contracts';
import { organizationalUnitId } from '@palisade/persistence';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { listParam } from '../findings/query-lists';
import { FRAMEWORK_CATALOG } from './framework-catalog';
import { REQUIREMENT_STATUSES } from './posture';

const frameworkIds = () => FRAMEWORK_CATALOG.ids.join(', ');

const knownFramework = z
  .string()
  .max(128)
  .refine((id) => FRAMEWORK_CATALOG.framework(id) !== undefined, {
    message: `unknown framework; one of ${frameworkIds()}`,
  })
  .meta({ example: 'cis-aws-foundations-v7.0.0' });

const selection = {
  accountId: listParam(accountId, 1000, 'Only these AWS accounts').meta({
    example: ['111122223333'],
  }),
  ouId: listParam(
    organizationalUnitId,
    100,
    'Only the accounts now in these OUs (or roots) or their descendants',
  ).meta({ example: ['ou-ab12-cdef3456'] }),
};

const complianceQuerySchema = z.strictObject({
  framework: knownFramework.optional().describe(`One framework (${frameworkIds()}); default all`),
  ...selection,
});
export type ComplianceQuery = z.output<typeof complianceQuerySchema>;
export class ComplianceQueryDto extends createZodDto(complianceQuerySchema) {}

const frameworkQuerySchema = z.strictObject(selection);
export type FrameworkQuery = z.output<typeof frameworkQuerySchema>;
export class FrameworkQueryDto extends createZodDto(frameworkQuerySchema) {}

export class FrameworkParamDto extends createZodDto(
  z.object({
    framework: z
      .string()
      .max(128)
      .describe(`The framework id (${frameworkIds()})`)
      .meta({ example: 'cis-aws-foundations-v7.0.0' }),
  }),
) {}

const count = z.number().int().min(0);

export const postureSchema = z
  .object({
    score: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe('100 × passed / (passed + failed), 2 decimals; null when nothing passed or failed')
      .meta({ example: 87.5 }),
    passed: count.describe('Counted check findings whose latest result is PASS, not suppressed'),
    failed: count.describe('… FAIL, not suppressed'),
    manual: count.describe('… MANUAL, not suppressed (out of the score)'),
    errored: count.describe('… ERROR, not suppressed (out of the score)'),
    suppressed: count.describe(
      'Suppressed by a rule or by the source, whatever the result (out of the score)',
    ),
  })
  .describe('Posture over the latest check results (docs/api.md "Posture score")');

const statusCounts = z
  .object({
    pass: count,
    fail: count,
    error: count,
    manual: count,
    notEvaluated: count.describe('No (unsuppressed) result'),
  })
  .describe('How many are in each requirement status');

const requirementStatus = z
  .enum(REQUIREMENT_STATUSES)
  .describe(
    'fail: a check FAILs; else error: a check ERRORed; else manual: a check awaits a person; ' +
      'else pass: every result PASSes; not_evaluated: no result',
  );

const accountPostureSchema = z.object({
  accountId: z.string().meta({ example: '111122223333' }),
  name: z.string().nullable(),
  ouId: z.string().nullable().describe('The OU the account is in now'),
  ouPath: z.string().nullable().meta({ example: '/Root/Workloads/Prod' }),
  posture: postureSchema,
  requirements: statusCounts.describe(
    "The framework's requirements by their status in the account",
  ),
});

const ouPostureSchema = z.object({
  ouId: z.string().meta({ example: 'ou-ab12-cdef3456' }),
  name: z.string(),
  path: z.string().meta({ example: '/Root/Workloads' }),
  parentId: z.string().nullable(),
  accounts: count.describe('Evaluated accounts in the OU and its descendants'),
  posture: postureSchema.describe('Pooled over the OU’s accounts'),
  requirements: statusCounts.describe(
    "The framework's requirements by their status over the OU's accounts",
  ),
});

const requirementSummarySchema = z.object({
  id: z.string().meta({ example: '2.5' }),
  title: z.string(),
  status: requirementStatus.describe('Over every selected account'),
  accounts: statusCounts.describe("The selected accounts by the requirement's status in each"),
});

const requirementDetailSchema = requirementSummarySchema.extend({
  profile: z.string().meta({ example: 'Level 1' }),
  assessment: z.enum(['automated', 'manual']).describe("The framework's own classification"),
  checkIds: z.array(z.string()).describe('The checks that implement it'),
  posture: postureSchema.describe('Findings of its checks over the selected accounts'),
  byAccount: z
    .array(
      z.object({
        accountId: z.string(),
        status: requirementStatus,
        posture: postureSchema,
      }),
    )
    .describe('Every selected account with a result for it'),
  byOu: z
    .array(
      z.object({
        ouId: z.string(),
        path: z.string(),
        status: requirementStatus,
        accounts: statusCounts,
      }),
    )
    .describe('Every OU with an evaluated account, its descendants pooled'),
});

const frameworkBase = {
  id: z.string().meta({ example: 'cis-aws-foundations-v7.0.0' }),
  name: z.string(),
  version: z.string(),
  posture: postureSchema,
  requirementStatus: statusCounts.describe(
    "The framework's requirements by their status over every selected account",
  ),
  accounts: z
    .array(accountPostureSchema)
    .describe('Selected accounts with a result for the framework, by account id'),
  ous: z.array(ouPostureSchema).describe('OUs with such an account, by path'),
};

const computedAt = z.iso
  .datetime()
  .describe('The findings as of this instant (the view is recomputed at most every 10 s)');

const complianceSummarySchema = z.object({
  computedAt,
  frameworks: z.array(
    z.object({ ...frameworkBase, requirements: z.array(requirementSummarySchema) }),
  ),
});
export type ComplianceSummary = z.infer<typeof complianceSummarySchema>;
export class ComplianceSummaryDto extends createZodDto(complianceSummarySchema) {}

const frameworkDetailSchema = z.object({
  computedAt,
  ...frameworkBase,
  requirements: z.array(requirementDetailSchema),
});
export type FrameworkDetailView = z.infer<typeof frameworkDetailSchema>;
export class FrameworkDetailDto extends createZodDto(frameworkDetailSchema) {}
