import { configRefusalOf } from '@palisade/testing';
import { NormaliserAppModule } from './normaliser.module';

// Booting against the real broker and Postgres is main.int-spec.ts; here, only what needs no server.
describe('NormaliserAppModule', () => {
  it('should refuse a bad environment, listing every bad variable', async () => {
    expect(
      await configRefusalOf(NormaliserAppModule, {
        PORT: '-1',
        KAFKA_SSL: 'maybe',
        DATABASE_POOL_SIZE: '0',
      }),
    ).toEqual([
      'PORT: must be an integer from 0 to 65535',
      'KAFKA_SSL: must be one of true, false, 1, 0',
      'DATABASE_URL: is required',
      'DATABASE_POOL_SIZE: must be an integer from 1 to 1000',
      'KAFKA_BROKERS: is required when TRANSPORT is kafka',
    ]);
  });
});
