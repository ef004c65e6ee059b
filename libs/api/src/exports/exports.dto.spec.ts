import { z } from 'zod';
import { exportQuerySchema } from './exports.dto';

const document = z.toJSONSchema(exportQuerySchema, { io: 'input' }) as {
  properties: Record<string, { pattern?: string }>;
};

const SAMPLES: Record<string, string[]> = {
  status: [
    'new',
    'new,in_progress',
    'resolved,resolved',
    '',
    'open',
    'new,',
    ',new',
    'new, resolved',
  ],
  severity: ['high', 'high,critical', 'unknown', 'HIGH', 'high;low', 'severe'],
  accountId: [
    '111122223333',
    '111122223333,444455556666',
    '1111',
    '111122223333,x',
    'a'.repeat(12),
  ],
  region: ['eu-west-1', 'global,us-gov-west-1', 'mars', 'eu-west-1,', 'EU-WEST-1', 'eu-west-12'],
  checkId: ['iam_root_mfa_enabled', 'a_b,c_d', 'iam', 'Iam_root', 'a_b,,c_d'],
};

describe('export query', () => {
  it.each(Object.entries(SAMPLES))(
    'should document for %s exactly the lists it accepts',
    (name, samples) => {
      const pattern = new RegExp(document.properties[name]?.pattern ?? '(?!)');
      for (const value of samples) {
        const accepted = exportQuerySchema.safeParse({ format: 'csv', [name]: value }).success;
        expect({ value, documented: pattern.test(value) }).toEqual({ value, documented: accepted });
      }
    },
  );

  it('should turn lists into distinct values and suppressed into a boolean', () => {
    expect(
      exportQuerySchema.parse({
        format: 'ocsf',
        severity: 'high,critical,high',
        suppressed: 'false',
      }),
    ).toEqual({ format: 'ocsf', severity: ['high', 'critical'], suppressed: false });
  });

  it('should name the bad value of a list by its position', () => {
    const result = exportQuerySchema.safeParse({ format: 'csv', severity: 'high,severe' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['severity', 1]]);
  });
});
