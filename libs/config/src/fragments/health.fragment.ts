import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { int } from '../env-parsers';

export function healthFragment() {
  return configFragment({
    /** How long each readiness check may take before it counts as failed. */
    checkTimeoutMs: env('HEALTH_CHECK_TIMEOUT_MS', int({ min: 100, max: 60_000 }).default(2_000)),
  });
}

export type HealthConfig = ConfigValue<ReturnType<typeof healthFragment>['node']>;
