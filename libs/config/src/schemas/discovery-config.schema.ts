import { defineConfigSchema, type ConfigOf } from '../config-schema';
import { awsFragment } from '../fragments/aws.fragment';
import { databaseFragment } from '../fragments/database.fragment';
import { kafkaBrokersRule, kafkaFragment } from '../fragments/kafka.fragment';
import { transportFragment } from '../fragments/transport.fragment';
import { serviceBaseFragments } from './service-base';

/** discovery: consumes scan requests, walks Organizations, writes inventory and jobs. */
export const discoveryConfigSchema = defineConfigSchema(
  {
    ...serviceBaseFragments('discovery', { port: 3001 }),
    transport: transportFragment(),
    kafka: kafkaFragment({ clientId: 'palisade-discovery' }),
    database: databaseFragment(),
    aws: awsFragment(),
  },
  [kafkaBrokersRule],
);

export type DiscoveryConfig = ConfigOf<typeof discoveryConfigSchema>;
