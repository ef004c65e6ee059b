import { z } from 'zod';
import { configFragment, configVariables, defineConfigSchema } from './config-schema';
import { env, fixed } from './config-tree';
import { secret } from './secret';
import { scannerConfigSchema } from './schemas/scanner-config.schema';

describe('configVariables', () => {
  it('should list every variable of every fragment, nested or not, secrets marked, sorted', () => {
    const schema = defineConfigSchema({
      b: configFragment({ name: fixed('b'), deep: { token: env('B_TOKEN', secret(z.string())) } }),
      a: configFragment(env('A_LEVEL', z.string())),
    });
    expect(configVariables(schema)).toEqual([
      { name: 'A_LEVEL', secret: false },
      { name: 'B_TOKEN', secret: true },
    ]);
  });

  it('should name what an app reads and nothing it does not (the scanner has no database)', () => {
    const names = configVariables(scannerConfigSchema).map((variable) => variable.name);
    expect(names).toEqual(
      expect.arrayContaining(['KAFKA_BROKERS', 'KAFKA_SASL_PASSWORD', 'SCANNER_JOB_CONCURRENCY']),
    );
    expect(names).not.toContain('DATABASE_URL');
    expect(new Set(names).size).toBe(names.length);
  });
});
