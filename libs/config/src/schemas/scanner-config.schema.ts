import { defineConfigSchema, type ConfigOf } from '../config-schema';
import { awsFragment } from '../fragments/aws.fragment';
import { kafkaBrokersRule, kafkaFragment } from '../fragments/kafka.fragment';
import { scannerFragment } from '../fragments/scanner.fragment';
import { transportFragment } from '../fragments/transport.fragment';
import { serviceBaseFragments } from './service-base';

/** scanner: stateless, so no database; everything it needs arrives in the job. */
export const scannerConfigSchema = defineConfigSchema(
  {
    ...serviceBaseFragments('scanner', { port: 3002 }),
    transport: transportFragment(),
    kafka: kafkaFragment({ clientId: 'palisade-scanner' }),
    aws: awsFragment(),
    scanner: scannerFragment(),
  },
  [kafkaBrokersRule],
);

export type ScannerConfig = ConfigOf<typeof scannerConfigSchema>;
