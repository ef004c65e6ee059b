import { Test } from '@nestjs/testing';
import { CONFIG_ENV, ConfigError, type Env } from '@palisade/config';
import { NormaliserAppModule } from './normaliser.module';

// Booting against the real broker and Postgres is main.int-spec.ts; here, only what needs no server.
function compile(env: Env) {
  return Test.createTestingModule({ imports: [NormaliserAppModule] })
    .overrideProvider(CONFIG_ENV)
    .useValue(env)
    .compile();
}

describe('NormaliserAppModule', () => {
  it('should refuse a bad environment, listing every bad variable', async () => {
    const compiling = compile({ PORT: '-1', KAFKA_SSL: 'maybe', DATABASE_POOL_SIZE: '0' });

    await expect(compiling).rejects.toThrow(ConfigError);
    const error = (await compiling.catch((caught: unknown) => caught)) as ConfigError;
    expect(error.issues.map((issue) => `${issue.variable}: ${issue.problem}`)).toEqual([
      'PORT: must be an integer from 0 to 65535',
      'KAFKA_SSL: must be one of true, false, 1, 0',
      'DATABASE_URL: is required',
      'DATABASE_POOL_SIZE: must be an integer from 1 to 1000',
      'KAFKA_BROKERS: is required when TRANSPORT is kafka',
    ]);
  });
});
