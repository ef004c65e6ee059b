import { accountId } from '@palisade/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { FINDING_SEVERITIES } from '../findings/findings-query';
import { listParam } from '../findings/query-lists';
import { FRAMEWORK_CATALOG } from './framework-catalog';

export const MAX_TREND_DAYS = 365;

const trendsQuerySchema = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TREND_DAYS)
    .default(30)
    .describe(`How many UTC days, today included (1-${MAX_TREND_DAYS})`),
  framework: z
    .string()
    .max(128)
    .refine((id) => FRAMEWORK_CATALOG.framework(id) !== undefined, {
      message: `unknown framework; one of ${FRAMEWORK_CATALOG.ids.join(', ')}`,
    })
    .optional()
    .describe(
      'One framework: its posture only, and open counts of its checks’ findings only. Default: ' +
        'every framework’s posture, and open counts of every finding (Inspector2 included)',
    )
    .meta({ example: 'cis-aws-foundations-v7.0.0' }),
  accountId: listParam(accountId, 1000, 'Only these AWS accounts').meta({
    example: ['111122223333'],
  }),
});
export type TrendsQuery = z.output<typeof trendsQuerySchema>;
export class TrendsQueryDto extends createZodDto(trendsQuerySchema) {}

const count = z.number().int().min(0);
const day = z.iso.date().meta({ example: '2026-03-01' });

const posturePointSchema = z.object({
  day,
  score: z
    .number()
    .min(0)
    .max(100)
    .nullable()
    .describe('100 × passed / (passed + failed) summed over the accounts; null without either'),
  passed: count,
  failed: count,
  manual: count,
  errored: count,
  suppressed: count,
  accounts: count.describe('Accounts with a snapshot that day'),
});

const openPointSchema = z.object({
  day,
  total: count,
  ...(Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, count])) as Record<
    (typeof FINDING_SEVERITIES)[number],
    typeof count
  >),
});

const trendsSchema = z.object({
  computedAt: z.iso
    .datetime()
    .describe('The data as of this instant (recomputed at most every 10 s)'),
  from: day.describe('The first day (UTC)'),
  to: day.describe('The last day: today (UTC)'),
  posture: z
    .array(
      z.object({
        framework: z.string().meta({ example: 'cis-aws-foundations-v7.0.0' }),
        name: z.string(),
        points: z
          .array(posturePointSchema)
          .describe('Days with a posture snapshot, oldest first (a day without one has no point)'),
      }),
    )
    .describe('Daily posture per framework, from the normaliser’s daily snapshots'),
  open: z
    .array(openPointSchema)
    .describe(
      'Every day, oldest first: findings open at the end of that UTC day (now, for today) by ' +
        'severity — docs/api.md "Open on day D"',
    ),
});
export type TrendsView = z.infer<typeof trendsSchema>;
export class TrendsDto extends createZodDto(trendsSchema) {}
