import { defineConfigSchema, type ConfigOf } from '../config-schema';
import { databaseFragment } from '../fragments/database.fragment';
import { normaliserFragment } from '../fragments/normaliser.fragment';
import { kafkaBrokersRule, kafkaFragment } from '../fragments/kafka.fragment';
import { transportFragment } from '../fragments/transport.fragment';
import { serviceBaseFragments } from './service-base';

/** normaliser: consumes results and job events, writes findings; never calls AWS. */
export const normaliserConfigSchema = defineConfigSchema(
  {
    ...serviceBaseFragments('normaliser', { port: 3003 }),
    transport: transportFragment(),
    kafka: kafkaFragment({ clientId: 'palisade-normaliser' }),
    database: databaseFragment(),
    normaliser: normaliserFragment(),
  },
  [kafkaBrokersRule],
);

export type NormaliserConfig = ConfigOf<typeof normaliserConfigSchema>;
