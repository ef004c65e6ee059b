import { defineConfigSchema, type ConfigOf } from '../config-schema';
import { apiFragment } from '../fragments/api.fragment';
import { awsFragment } from '../fragments/aws.fragment';
import { databaseFragment } from '../fragments/database.fragment';
import { kafkaBrokersRule, kafkaFragment } from '../fragments/kafka.fragment';
import { normaliserFragment } from '../fragments/normaliser.fragment';
import { scannerFragment } from '../fragments/scanner.fragment';
import { transportFragment } from '../fragments/transport.fragment';
import { serviceBaseFragments } from './service-base';

/**
 * cli: embedded mode, the four services in one process. A superset of each service's schema,
 * so every feature module reads the same settings it reads in its own process.
 */
export const cliConfigSchema = defineConfigSchema(
  {
    ...serviceBaseFragments('cli', { port: 8080 }),
    transport: transportFragment(),
    kafka: kafkaFragment({ clientId: 'palisade-cli' }),
    database: databaseFragment(),
    aws: awsFragment(),
    scanner: scannerFragment(),
    normaliser: normaliserFragment(),
    api: apiFragment(),
  },
  [kafkaBrokersRule],
);

export type CliConfig = ConfigOf<typeof cliConfigSchema>;
