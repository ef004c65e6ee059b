import {
  AccessAnalyzerClient,
  type ListAnalyzersCommandInput,
  type ListAnalyzersCommandOutput,
} from '@aws-sdk/client-accessanalyzer';
import { type AwsClientFactory, type AwsSession } from '@palisade/aws';
import { collectorCatalogue } from '../../catalogue';
import { CollectionRun } from '../../framework/collection-run';
import { analyzersCollector } from './analyzers.collector';

const ACCOUNT = '111122223333';

// ListAnalyzers pages as AWS returns them (API reference response syntax), deserialized.
const PAGES: Record<string, ListAnalyzersCommandOutput> = {
  first: {
    $metadata: {},
    analyzers: [
      {
        arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/ConsoleAnalyzer-5a1c`,
        name: 'ConsoleAnalyzer-5a1c',
        type: 'ACCOUNT',
        status: 'ACTIVE',
        createdAt: new Date('2024-03-01T10:00:00Z'),
        lastResourceAnalyzed: `arn:aws:s3:::logs-${ACCOUNT}`,
        lastResourceAnalyzedAt: new Date('2026-05-30T08:00:00Z'),
        tags: {},
      },
      {
        arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/unused-90d`,
        name: 'unused-90d',
        type: 'ACCOUNT_UNUSED_ACCESS',
        status: 'ACTIVE',
        createdAt: new Date('2024-03-01T10:00:00Z'),
        configuration: { unusedAccess: { unusedAccessAge: 90 } },
      },
    ],
    nextToken: 'page-2',
  },
  'page-2': {
    $metadata: {},
    analyzers: [
      {
        arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/org`,
        name: 'org',
        type: 'ORGANIZATION',
        status: 'FAILED',
        statusReason: { code: 'AWS_SERVICE_ACCESS_DISABLED' },
        createdAt: new Date('2024-03-01T10:00:00Z'),
      },
    ],
  },
};

/** A real client whose `send` answers from recorded pages (or throws the given AWS error). */
function recordedClient(error?: Error): AccessAnalyzerClient {
  const client = new AccessAnalyzerClient({ region: 'eu-west-1' });
  const send = (command: { input: ListAnalyzersCommandInput }) => {
    if (error !== undefined) return Promise.reject(error);
    const page = PAGES[command.input.nextToken ?? 'first'];
    return page === undefined ? Promise.reject(new Error('unknown token')) : Promise.resolve(page);
  };
  return Object.assign(client, { send: jest.fn(send) });
}

async function collect(client: AccessAnalyzerClient) {
  const factory = { createClient: () => client } as unknown as AwsClientFactory;
  const run = new CollectionRun(factory, collectorCatalogue([analyzersCollector]), {
    session: { accountId: ACCOUNT, partition: 'aws' } as AwsSession,
    homeRegion: 'us-east-1',
    regions: ['eu-west-1'],
    signal: new AbortController().signal,
    collectorConcurrency: 1,
    itemConcurrency: 1,
  });
  const snapshot = await run.collect(['accessanalyzer.analyzers']);
  return snapshot.regional('accessanalyzer.analyzers', 'eu-west-1');
}

describe('accessanalyzer.analyzers collector (recorded response shape, moto does not emulate Access Analyzer)', () => {
  it('should list analyzers of every type across pages, with status and its reason', async () => {
    const client = recordedClient();

    expect(await collect(client)).toEqual({
      ok: true,
      data: [
        {
          name: 'ConsoleAnalyzer-5a1c',
          arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/ConsoleAnalyzer-5a1c`,
          type: 'ACCOUNT',
          status: 'ACTIVE',
        },
        {
          name: 'unused-90d',
          arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/unused-90d`,
          type: 'ACCOUNT_UNUSED_ACCESS',
          status: 'ACTIVE',
        },
        {
          name: 'org',
          arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/org`,
          type: 'ORGANIZATION',
          status: 'FAILED',
          statusReason: 'AWS_SERVICE_ACCESS_DISABLED',
        },
      ],
    });
    expect(client.send).toHaveBeenCalledTimes(2);
  });

  it('should fail the region with the classified code when ListAnalyzers is denied', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform ListAnalyzers'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });

    expect(await collect(recordedClient(denied))).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
  });
});
