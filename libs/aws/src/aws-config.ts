import { type AwsConfig } from '@palisade/config';
import { type AwsModuleOptions } from './aws.module';

/** Maps an app's parsed `aws` config (AWS_REGION, AWS_ENDPOINT_URL) to AwsModule options. */
export function awsOptionsFromConfig(config: { readonly aws: AwsConfig }): AwsModuleOptions {
  return {
    defaultRegion: config.aws.region,
    ...(config.aws.endpointUrl !== undefined ? { endpointUrl: config.aws.endpointUrl } : {}),
  };
}
