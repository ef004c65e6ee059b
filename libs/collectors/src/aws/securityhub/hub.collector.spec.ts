import { type DescribeHubCommandOutput, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { type AwsClientFactory, type AwsSession } from '@palisade/aws';
import { collectorCatalogue } from '../../catalogue';
import { CollectionRun } from '../../framework/collection-run';
import { hubCollector } from './hub.collector';

const ACCOUNT = '111122223333';

function invalidAccess(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'InvalidAccessException',
    Code: 'InvalidAccessException',
    $metadata: { httpStatusCode: 401 },
  });
}

async function collect(answer: () => Promise<DescribeHubCommandOutput>) {
  const client = Object.assign(new SecurityHubClient({ region: 'eu-west-1' }), {
    send: answer,
  });
  const factory = { createClient: () => client } as unknown as AwsClientFactory;
  const run = new CollectionRun(factory, collectorCatalogue([hubCollector]), {
    session: { accountId: ACCOUNT, partition: 'aws' } as AwsSession,
    homeRegion: 'us-east-1',
    regions: ['eu-west-1'],
    signal: new AbortController().signal,
    collectorConcurrency: 1,
    itemConcurrency: 1,
  });
  const snapshot = await run.collect(['securityhub.hub']);
  return snapshot.regional('securityhub.hub', 'eu-west-1');
}

// AWS's DescribeHub error documentation: InvalidAccessException covers both "not enabled" and
// other account problems; only the "not subscribed" message means Security Hub is off.
describe('securityhub.hub collector (recorded AWS answers moto cannot produce)', () => {
  it('should read AWS’s "not subscribed" InvalidAccessException as no hub', async () => {
    const outcome = await collect(() =>
      Promise.reject(invalidAccess(`Account ${ACCOUNT} is not subscribed to AWS Security Hub`)),
    );

    expect(outcome).toEqual({ ok: true, data: null });
  });

  it('should keep any other InvalidAccessException as the region’s error', async () => {
    const outcome = await collect(() =>
      Promise.reject(
        invalidAccess(`Account ${ACCOUNT} is not an administrator for this organization`),
      ),
    );

    expect(outcome).toMatchObject({ ok: false });
    expect(outcome.ok ? '' : outcome.message).toContain('not an administrator');
  });

  it('should read a hub without the optional fields', async () => {
    const outcome = await collect(() =>
      Promise.resolve({
        $metadata: {},
        HubArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:hub/default`,
      }),
    );

    expect(outcome).toEqual({
      ok: true,
      data: { hubArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:hub/default` },
    });
  });
});
