// SDK v3 client settings that send a client's calls through the proxy.

export interface ProxyCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClientConfig {
  endpoint: string;
  region: string;
  credentials: ProxyCredentials;
  /** For S3 (moto serves buckets path-style); other clients ignore it. */
  forcePathStyle: true;
}

/** Moto's conventional test credentials: they act in moto's default account 123456789012. */
export const MOTO_DEFAULT_CREDENTIALS: ProxyCredentials = {
  accessKeyId: 'testing',
  secretAccessKey: 'testing',
};

/** `new STSClient({ ...awsClientConfig(proxy.url), maxAttempts: 1 })`. */
export function awsClientConfig(
  proxyUrl: string,
  credentials: ProxyCredentials = MOTO_DEFAULT_CREDENTIALS,
  region = 'us-east-1',
): AwsClientConfig {
  return { endpoint: proxyUrl, region, credentials: { ...credentials }, forcePathStyle: true };
}
