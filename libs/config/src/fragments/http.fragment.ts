import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { nonEmptyString, port } from '../env-parsers';

/**
 * Where the app listens: the REST API for the api, health and metrics for the workers.
 * Each app has its own default port so the whole fleet runs side by side on a laptop.
 */
export function httpFragment(defaults: { readonly port: number }) {
  return configFragment({
    host: env('HOST', nonEmptyString().default('0.0.0.0')),
    port: env('PORT', port().default(defaults.port)),
  });
}

export type HttpConfig = ConfigValue<ReturnType<typeof httpFragment>['node']>;
