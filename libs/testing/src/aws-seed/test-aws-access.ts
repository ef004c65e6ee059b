// How test code reaches moto (or the fault proxy) the way services reach AWS: the client
// factory and the credential chain, with a base identity moto does not know (it acts in moto's
// default account and only assumes roles).
import {
  AwsClientFactory,
  type AwsLogger,
  AwsSessionFactory,
  resolveAwsAccessOptions,
  SdkStsApi,
} from '@palisade/aws';

export const SILENT_AWS_LOGGER: AwsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
};

export interface TestAwsAccess {
  readonly clients: AwsClientFactory;
  readonly sessions: AwsSessionFactory;
}

export function testAwsAccess(options: {
  readonly endpointUrl: string;
  readonly maxAttempts: number;
  readonly retryMode?: 'adaptive' | 'standard';
  readonly defaultRegion?: string;
  /** The base identity's key pair (any value moto has not issued). */
  readonly baseCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}): TestAwsAccess {
  const access = resolveAwsAccessOptions({
    endpointUrl: options.endpointUrl,
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    maxAttempts: options.maxAttempts,
    ...(options.retryMode !== undefined ? { retryMode: options.retryMode } : {}),
  });
  const clients = new AwsClientFactory(access, SILENT_AWS_LOGGER);
  const sessions = new AwsSessionFactory(
    access,
    new SdkStsApi(clients),
    () => Promise.resolve({ ...options.baseCredentials }),
    SILENT_AWS_LOGGER,
  );
  return { clients, sessions };
}
