// A management account of its own for each seeded organization. moto keeps one Organizations
// backend per account: credentials from AssumeRole into account X act in X, so an organization
// created with them lives in X's backend and nothing of another organization is visible there.
import { randomInt } from 'node:crypto';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsClientConfig, type ProxyCredentials } from '../aws-proxy';
import { MOTO_DEFAULT_ACCOUNT } from '../aws-proxy';

/** Where to seed: moto's (or the proxy's) URL, or a full client config from `awsClientConfig`. */
export type SeedTarget = string | Pick<AwsClientConfig, 'endpoint' | 'region' | 'credentials'>;

/** A key moto does not know: it acts in moto's default account, which only assumes roles here. */
export const SEED_BASE_CREDENTIALS: ProxyCredentials = {
  accessKeyId: 'AKIAPALISADESEEDBASE',
  secretAccessKey: 'palisade-seed-base-secret',
};

export const SEED_ROLE_NAME = 'palisade-seed';

export interface ResolvedTarget {
  endpoint: string;
  region: string;
  credentials: ProxyCredentials;
}

export function resolveTarget(target: SeedTarget): ResolvedTarget {
  if (typeof target === 'string') {
    return { endpoint: target, region: 'us-east-1', credentials: SEED_BASE_CREDENTIALS };
  }
  return { endpoint: target.endpoint, region: target.region, credentials: target.credentials };
}

/** A random 12-digit account id that is not moto's default account. */
export function randomAccountId(): string {
  for (;;) {
    const id = String(randomInt(100_000_000_000, 999_999_999_999));
    if (id !== MOTO_DEFAULT_ACCOUNT) return id;
  }
}

/** Credentials acting in `accountId` (AssumeRole; moto creates nothing and refuses nothing). */
export async function credentialsIn(
  target: ResolvedTarget,
  accountId: string,
  sessionName = 'palisade-seed',
): Promise<ProxyCredentials> {
  const sts = new STSClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: target.credentials,
    maxAttempts: 3,
  });
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${SEED_ROLE_NAME}`,
        RoleSessionName: sessionName,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
      throw new Error(`AssumeRole into ${accountId} returned no credentials`);
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
  } finally {
    sts.destroy();
  }
}
