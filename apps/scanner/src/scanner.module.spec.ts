import { configRefusalOf } from '@palisade/testing';
import { ScannerAppModule } from './scanner.module';

// Booting against the real broker and Postgres is main.int-spec.ts; here, only what needs no server.
describe('ScannerAppModule', () => {
  it('should refuse a bad environment, listing every bad variable', async () => {
    expect(
      await configRefusalOf(ScannerAppModule, {
        PORT: '-1',
        KAFKA_SSL: 'maybe',
        AWS_REGION: 'mars',
      }),
    ).toEqual([
      'PORT: must be an integer from 0 to 65535',
      'KAFKA_SSL: must be one of true, false, 1, 0',
      'AWS_REGION: must be an AWS region such as us-east-1',
      'KAFKA_BROKERS: is required when TRANSPORT is kafka',
    ]);
  });
});
