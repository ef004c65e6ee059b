import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { createSuppressionRuleSchema, updateSuppressionRuleSchema } from './suppression-rules.dto';

const REASON = 'accepted risk';

/** Bodies the OpenAPI document and the API must judge alike (expiries in the future only). */
const CREATE_BODIES: object[] = [
  { reason: REASON },
  { reason: REASON, accountIds: [] },
  { reason: REASON, accountIds: ['111122223333'] },
  { reason: REASON, ouIds: ['r-ab12'] },
  { reason: REASON, regions: ['global'] },
  { reason: REASON, checkIds: ['iam_root_mfa_enabled'] },
  { reason: REASON, checkIds: ['iam_root_mfa_enabled_not'] },
  { reason: REASON, resourcePattern: null },
  { reason: REASON, resourcePattern: '*' },
  { reason: REASON, resourcePattern: '' },
  { reason: REASON, tags: {} },
  { reason: REASON, tags: { team: 'web' } },
  { reason: REASON, tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, ''])) },
  { reason: ' ', regions: ['eu-west-1'] },
  { reason: '', regions: ['eu-west-1'] },
  { regions: ['eu-west-1'] },
  { reason: REASON, regions: ['eu-west-1'], expiresAt: '2099-01-01T00:00:00Z' },
  { reason: REASON, regions: ['eu-west-1'], expiresAt: null },
  { reason: REASON, regions: ['eu-west-1'], author: 'x' },
  { reason: REASON, regions: [], tags: {}, resourcePattern: null, checkIds: [] },
];

const PATCH_BODIES: object[] = [
  {},
  { reason: REASON },
  { reason: null },
  { regions: [] },
  { expiresAt: null },
  { author: 'x' },
  { tags: { a: 'b' } },
];

function documented(schema: z.ZodType): (body: object) => boolean {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  return ajv.compile(z.toJSONSchema(schema, { io: 'input' }));
}

describe('suppression rule bodies', () => {
  it.each([
    ['create', createSuppressionRuleSchema, CREATE_BODIES],
    ['patch', updateSuppressionRuleSchema, PATCH_BODIES],
  ] as const)('should be documented (%s) exactly as they are validated', (_, schema, bodies) => {
    const valid = documented(schema);
    for (const body of bodies) {
      expect({ body, documented: valid(body) }).toEqual({
        body,
        documented: schema.safeParse(body).success,
      });
    }
  });

  it('should refuse an expiry in the past, which the document cannot say', () => {
    const result = createSuppressionRuleSchema.safeParse({
      reason: REASON,
      regions: ['eu-west-1'],
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['expiresAt'], 'must be in the future'],
    ]);
  });
});
