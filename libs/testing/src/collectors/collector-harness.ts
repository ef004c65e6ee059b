// Runs real collectors against moto (or the fault proxy in front of it) in one account, the way
// the scanner does: a role assumed into the account, clients from the factory, the run memoised.
import { randomInt, randomUUID } from 'node:crypto';
import { type AwsClientFactory, type AwsSession } from '@palisade/aws';
import { type CollectorKey, type SnapshotBuilder } from '@palisade/checks';
import { CollectionRun, collectorCatalogue } from '@palisade/collectors';
import { testAwsAccess } from '../aws-seed/test-aws-access';
import { depsEnv } from '../deps/deps-env';

/** Base identity for moto: any key acts in moto's default account until a role is assumed. */
const BASE_CREDENTIALS = {
  accessKeyId: 'AKIAPALISADEHARNESS1',
  secretAccessKey: 'palisade-harness-base-secret-5d1e',
};

/** A fresh 12-digit account, so parallel specs never share moto state. */
export function freshAccount(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

export interface CollectorHarness {
  readonly accountId: string;
  readonly session: AwsSession;
  readonly clients: AwsClientFactory;
  /** Collects keys for the regions (global keys once), as one scanner job would. */
  collect(
    keys: readonly CollectorKey[],
    regions?: readonly string[],
  ): Promise<{ snapshot: SnapshotBuilder; apiCalls: number }>;
  close(): void;
}

export interface CollectorHarnessOptions {
  /** Default: moto from the int tier (`PALISADE_MOTO_URL`); pass the fault proxy's URL to inject faults. */
  endpointUrl?: string;
  accountId?: string;
  homeRegion?: string;
}

/**
 * A harness in a (fresh) account. Seed the account with `harness.clients.createClient(...)`
 * and `harness.session`, or with SDK clients using `awsClientConfig` + an assumed role.
 */
export async function collectorHarness(
  options: CollectorHarnessOptions = {},
): Promise<CollectorHarness> {
  const accountId = options.accountId ?? freshAccount();
  const homeRegion = options.homeRegion ?? 'us-east-1';
  const { clients, sessions: chain } = testAwsAccess({
    endpointUrl: options.endpointUrl ?? depsEnv('PALISADE_MOTO_URL'),
    defaultRegion: homeRegion,
    maxAttempts: 1,
    baseCredentials: BASE_CREDENTIALS,
  });
  const session = await chain.session({
    tenantId: randomUUID(),
    scanId: randomUUID(),
    roleChain: [{ roleArn: `arn:aws:iam::${accountId}:role/palisade-scan` }],
  });
  return {
    accountId,
    session,
    clients,
    async collect(keys, regions = ['eu-west-1']) {
      const run = new CollectionRun(clients, collectorCatalogue(), {
        session,
        homeRegion,
        regions,
        signal: new AbortController().signal,
        collectorConcurrency: 8,
        itemConcurrency: 8,
      });
      try {
        const snapshot = await run.collect(keys);
        return { snapshot, apiCalls: run.apiCalls };
      } finally {
        run.close();
      }
    },
    close() {
      clients.destroy();
    },
  };
}
