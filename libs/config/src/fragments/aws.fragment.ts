import { configFragment } from '../config-schema';
import { env, type ConfigValue } from '../config-tree';
import { awsRegion, httpUrl } from '../env-parsers';

/**
 * The base identity's home region and an optional endpoint override (moto in tests).
 * Credentials are not configuration: they come from the default chain (IRSA, profile, env).
 */
export function awsFragment() {
  return configFragment({
    region: env('AWS_REGION', awsRegion().default('us-east-1')),
    endpointUrl: env('AWS_ENDPOINT_URL', httpUrl().optional()),
  });
}

export type AwsConfig = ConfigValue<ReturnType<typeof awsFragment>['node']>;
