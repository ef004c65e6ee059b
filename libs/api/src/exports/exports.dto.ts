import { accountId, checkId, region } from '@palisade/contracts';
import { FINDING_STATUSES } from '@palisade/findings';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const EXPORT_FORMATS = ['csv', 'ocsf', 'asff'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FINDING_SEVERITIES = [
  'unknown',
  'informational',
  'low',
  'medium',
  'high',
  'critical',
] as const;
export const FINDING_KINDS = ['check', 'inspector'] as const;

/** A query string stays well under Node's 16 KiB header limit. */
const MAX_LIST_LENGTH = 4_000;

/**
 * A comma-separated list of values (`high,critical`), each validated; duplicates dropped. A bad
 * value is named by its position: `query.severity.1`. The document gives the whole list's
 * pattern (`item(,item)*`), which is exactly what is accepted.
 */
function commaList(
  item: z.ZodType<string, string>,
  itemPattern: string,
  description: string,
  example: string,
) {
  return z
    .string()
    .max(MAX_LIST_LENGTH)
    .transform((value) => [...new Set(value.split(','))])
    .pipe(z.array(item))
    .optional()
    .describe(`${description}; comma-separated, any of them matches`)
    .meta({ example, pattern: `^${itemPattern}(,${itemPattern})*$` });
}

const oneOf = (values: readonly string[]): string => `(${values.join('|')})`;

export const exportQuerySchema = z.strictObject({
  format: z
    .enum(EXPORT_FORMATS)
    .describe(
      'csv: `text/csv` with a header row; ocsf: OCSF 1.8.0 JSON Lines (`application/x-ndjson`); ' +
        'asff: `{"Findings":[…]}` in the AWS Security Finding Format (`application/json`), ' +
        'each finding valid for Security Hub BatchImportFindings',
    )
    .meta({ example: 'csv' }),
  status: commaList(
    z.enum(FINDING_STATUSES),
    oneOf(FINDING_STATUSES),
    `Lifecycle status (${FINDING_STATUSES.join(', ')})`,
    'new,in_progress',
  ),
  severity: commaList(
    z.enum(FINDING_SEVERITIES),
    oneOf(FINDING_SEVERITIES),
    `Severity (${FINDING_SEVERITIES.join(', ')})`,
    'high,critical',
  ),
  accountId: commaList(accountId, '\\d{12}', 'AWS account id (12 digits)', '111122223333'),
  region: commaList(
    region,
    '(global|[a-z]{2}(-[a-z]+)+-\\d)',
    'Region, or `global` for global services',
    'eu-west-1,global',
  ),
  checkId: commaList(checkId, '[a-z0-9]+(_[a-z0-9]+)+', 'Check id', 'iam_root_mfa_enabled'),
  kind: z
    .enum(FINDING_KINDS)
    .optional()
    .describe('check: check results; inspector: Amazon Inspector findings')
    .meta({ example: 'check' }),
  suppressed: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe(
      'true: only findings suppressed by a rule or by Inspector; false: only unsuppressed ones',
    )
    .meta({ example: 'false' }),
  productAccountId: accountId
    .optional()
    .describe(
      'asff only: the account that imports the findings into Security Hub (the ProductArn’s ' +
        'account); default: each finding’s own account',
    )
    .meta({ example: '999988887777' }),
  productRegion: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region looks like eu-west-1')
    .optional()
    .describe(
      'asff only: the Security Hub region the findings are imported into (the ProductArn’s ' +
        'region); default: each finding’s region, and for global findings the partition’s ' +
        'home region (us-east-1, us-gov-west-1, cn-north-1)',
    )
    .meta({ example: 'eu-west-1' }),
});

export class ExportQueryDto extends createZodDto(exportQuerySchema) {}

export type ExportQuery = z.output<typeof exportQuerySchema>;

/** What the rows of an export are filtered on (the query minus the format options). */
export type ExportFilter = Pick<
  ExportQuery,
  'status' | 'severity' | 'accountId' | 'region' | 'checkId' | 'kind' | 'suppressed'
>;
