import { configFragment } from '../config-schema';
import { fixed, type ConfigValue } from '../config-tree';

/** The service's own name, fixed by the app in code (not read from the environment). */
export function serviceFragment<const N extends string>(name: N) {
  return configFragment({ name: fixed(name) });
}

export type ServiceConfig = ConfigValue<ReturnType<typeof serviceFragment<string>>['node']>;
