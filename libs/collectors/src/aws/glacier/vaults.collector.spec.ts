// glacier.vaults over recorded responses (Glacier API reference: ListVaults, GetVaultAccessPolicy
// and its ResourceNotFoundException), through the real SDK client and its deserializer: moto
// does not emulate vault access policies.
import { GlacierClient } from '@aws-sdk/client-glacier';
import { failed, ok } from '@palisade/checks';
import { hasAwsCode } from '../../framework/aws-error';
import { type CollectorContext } from '../../framework/collector';
import { glacierVaultsCollector } from './vaults.collector';

interface WireAnswer {
  status: number;
  body: string;
}

interface WireRequest {
  path: string;
  query?: Record<string, unknown>;
}

/** A real GlacierClient whose HTTP handler answers each request from `answer`. */
function glacierAnswering(answer: (request: WireRequest) => WireAnswer): GlacierClient {
  return new GlacierClient({
    region: 'us-west-2',
    credentials: { accessKeyId: 'AKIDRECORDED', secretAccessKey: 'recorded' },
    maxAttempts: 1,
    requestHandler: {
      handle: (request: WireRequest) => {
        const { status, body } = answer(request);
        return Promise.resolve({
          response: {
            statusCode: status,
            headers: { 'content-type': 'application/json' },
            body: new TextEncoder().encode(body),
          },
        });
      },
    },
  });
}

function contextWith(client: GlacierClient): CollectorContext {
  return {
    accountId: '012345678901',
    partition: 'aws',
    region: 'us-west-2',
    signal: new AbortController().signal,
    client: (() => client) as unknown as CollectorContext['client'],
    global: () => Promise.reject(new Error('no dependencies')),
    regional: () => Promise.reject(new Error('no dependencies')),
    attempt: async (
      fn: () => Promise<unknown>,
      absent?: { codes: readonly string[]; value: unknown },
    ) => {
      try {
        return ok(await fn());
      } catch (err) {
        if (absent !== undefined && hasAwsCode(err, absent.codes)) return ok(absent.value);
        return failed('AWS_ERROR', String(err));
      }
    },
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  };
}

const vault = (name: string) => ({
  CreationDate: '2015-04-06T21:23:45.708Z',
  LastInventoryDate: '2015-04-07T00:26:19.028Z',
  NumberOfArchives: 1,
  SizeInBytes: 3178496,
  VaultARN: `arn:aws:glacier:us-west-2:012345678901:vaults/${name}`,
  VaultName: name,
});

const PUBLIC_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'everyone-retrieves',
      Principal: '*',
      Effect: 'Allow',
      Action: 'glacier:InitiateJob',
      Resource: 'arn:aws:glacier:us-west-2:012345678901:vaults/examplevault',
    },
  ],
});

describe('glacier.vaults (recorded response shapes: moto does not emulate vault access policies)', () => {
  it('should read each vault’s access policy, null where none is set, and follow the marker', async () => {
    const requests: WireRequest[] = [];
    const client = glacierAnswering((request) => {
      requests.push(request);
      switch (request.path) {
        case '/-/vaults':
          // Two pages: the first carries a Marker, the second is asked for with it.
          return request.query?.marker === 'examplevault'
            ? { status: 200, body: JSON.stringify({ VaultList: [vault('examplevault')] }) }
            : {
                status: 200,
                body: JSON.stringify({ Marker: 'examplevault', VaultList: [vault('archive')] }),
              };
        case '/-/vaults/archive/access-policy':
          return {
            status: 404,
            body: JSON.stringify({
              code: 'ResourceNotFoundException',
              message:
                'No vault access policy is set for: arn:aws:glacier:us-west-2:012345678901:vaults/archive',
              type: 'Client',
            }),
          };
        case '/-/vaults/examplevault/access-policy':
          return { status: 200, body: JSON.stringify({ Policy: PUBLIC_POLICY }) };
        default:
          return { status: 500, body: '{}' };
      }
    });

    const vaults = await glacierVaultsCollector.collect(contextWith(client));

    expect(vaults).toEqual([
      {
        name: 'archive',
        arn: 'arn:aws:glacier:us-west-2:012345678901:vaults/archive',
        policy: { ok: true, data: null },
      },
      {
        name: 'examplevault',
        arn: 'arn:aws:glacier:us-west-2:012345678901:vaults/examplevault',
        policy: { ok: true, data: PUBLIC_POLICY },
      },
    ]);
    expect(requests.filter((r) => r.path === '/-/vaults')).toHaveLength(2);
  });

  it('should keep a denied access policy as that vault’s error', async () => {
    const client = glacierAnswering((request) =>
      request.path === '/-/vaults'
        ? { status: 200, body: JSON.stringify({ VaultList: [vault('archive')] }) }
        : {
            status: 403,
            body: JSON.stringify({
              code: 'AccessDeniedException',
              message: 'User is not authorized to perform: glacier:GetVaultAccessPolicy',
              type: 'Client',
            }),
          },
    );
    const [only] = await glacierVaultsCollector.collect(contextWith(client));
    expect(only?.policy).toMatchObject({
      ok: false,
      message: expect.stringContaining('AccessDenied') as unknown,
    });
  });
});
