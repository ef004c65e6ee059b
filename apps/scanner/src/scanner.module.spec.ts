import { Test } from '@nestjs/testing';
import { CONFIG_ENV, ConfigError, type Env } from '@palisade/config';
import { ScannerAppModule } from './scanner.module';

// Booting against the real broker and Postgres is main.int-spec.ts; here, only what needs no server.
function compile(env: Env) {
  return Test.createTestingModule({ imports: [ScannerAppModule] })
    .overrideProvider(CONFIG_ENV)
    .useValue(env)
    .compile();
}

describe('ScannerAppModule', () => {
  it('should refuse a bad environment, listing every bad variable', async () => {
    const compiling = compile({ PORT: '-1', KAFKA_SSL: 'maybe', AWS_REGION: 'mars' });

    await expect(compiling).rejects.toThrow(ConfigError);
    const error = (await compiling.catch((caught: unknown) => caught)) as ConfigError;
    expect(error.issues.map((issue) => `${issue.variable}: ${issue.problem}`)).toEqual([
      'PORT: must be an integer from 0 to 65535',
      'KAFKA_SSL: must be one of true, false, 1, 0',
      'AWS_REGION: must be an AWS region such as us-east-1',
      'KAFKA_BROKERS: is required when TRANSPORT is kafka',
    ]);
  });
});
