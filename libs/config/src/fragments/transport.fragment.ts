import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { oneOf } from '../env-parsers';

export const TRANSPORTS = ['kafka', 'in-process'] as const;

/** How services exchange messages: Apache Kafka, or in memory (embedded mode, one process). */
export function transportFragment() {
  return configFragment(env('TRANSPORT', oneOf(TRANSPORTS).default('kafka')));
}

export type Transport = ConfigValue<ReturnType<typeof transportFragment>['node']>;
