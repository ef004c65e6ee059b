// An Organizations client acting in a management account the way discovery gets one (credential
// chain + client factory), aimed at the fault proxy or moto: for the walk's tests and benchmark.
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { type AwsClientFactory } from '@palisade/aws';
import { testAwsAccess } from './test-aws-access';

/** A key moto does not know: it acts in moto's default account and only assumes roles here. */
const BASE_CREDENTIALS = {
  accessKeyId: 'AKIAPALISADEDISCOVER',
  secretAccessKey: 'palisade-int-discovery-base',
};

export interface ManagementClient {
  client: OrganizationsClient;
  factory: AwsClientFactory;
}

export interface RetrySettings {
  maxAttempts?: number;
  /** `adaptive` (the default, as in production) also rate-limits the client after throttling. */
  retryMode?: 'adaptive' | 'standard';
}

/** The discovery role in `managementAccountId`, through the factory's retries. */
export async function managementClient(
  endpointUrl: string,
  managementAccountId: string,
  retry: RetrySettings = {},
): Promise<ManagementClient> {
  const { clients: factory, sessions: chain } = testAwsAccess({
    endpointUrl,
    maxAttempts: retry.maxAttempts ?? 5,
    retryMode: retry.retryMode ?? 'adaptive',
    baseCredentials: BASE_CREDENTIALS,
  });
  const session = await chain.session({
    tenantId: 'int-discovery',
    scanId: 'int-discovery-walk',
    roleChain: [{ roleArn: `arn:aws:iam::${managementAccountId}:role/PalisadeDiscovery` }],
  });
  const client = factory.createClient(OrganizationsClient, {
    session,
    region: 'us-east-1',
    service: 'organizations',
  });
  return { client, factory };
}
