import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { nonEmptyString, oneOf } from '../env-parsers';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logFragment() {
  return configFragment({
    level: env('LOG_LEVEL', oneOf(LOG_LEVELS).default('info')),
    /** Appends the JSON log lines to this file instead of stdout (the CLI keeps its terminal for people). */
    file: env('LOG_FILE', nonEmptyString().optional()),
  });
}

export type LogConfig = ConfigValue<ReturnType<typeof logFragment>['node']>;
