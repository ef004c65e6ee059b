import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { oneOf } from '../env-parsers';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logFragment() {
  return configFragment({
    level: env('LOG_LEVEL', oneOf(LOG_LEVELS).default('info')),
  });
}

export type LogConfig = ConfigValue<ReturnType<typeof logFragment>['node']>;
