import { defineConfigSchema, type ConfigOf } from '../config-schema';
import { apiFragment } from '../fragments/api.fragment';
import { awsFragment } from '../fragments/aws.fragment';
import { databaseFragment } from '../fragments/database.fragment';
import { kafkaBrokersRule, kafkaFragment } from '../fragments/kafka.fragment';
import { transportFragment } from '../fragments/transport.fragment';
import { serviceBaseFragments } from './service-base';

/** api: the REST API, the outbox relay and webhook delivery. */
export const apiConfigSchema = defineConfigSchema(
  {
    ...serviceBaseFragments('api', { port: 3000 }),
    transport: transportFragment(),
    kafka: kafkaFragment({ clientId: 'palisade-api' }),
    database: databaseFragment(),
    aws: awsFragment(),
    api: apiFragment(),
  },
  [kafkaBrokersRule],
);

export type ApiConfig = ConfigOf<typeof apiConfigSchema>;
