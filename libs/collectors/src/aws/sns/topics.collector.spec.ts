import {
  type GetTopicAttributesCommandInput,
  type GetTopicAttributesCommandOutput,
  type ListTopicsCommandOutput,
  SNSClient,
} from '@aws-sdk/client-sns';
import { type AwsClientFactory, type AwsSession } from '@palisade/aws';
import { collectorCatalogue } from '../../catalogue';
import { CollectionRun } from '../../framework/collection-run';
import { topicsCollector } from './topics.collector';

const ACCOUNT = '111122223333';
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:cis-alarms`;
const POLICY = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: TOPIC }],
});

// GetTopicAttributes as AWS returns it (API reference): every value is a string.
function attributes(confirmed: string): GetTopicAttributesCommandOutput {
  return {
    $metadata: {},
    Attributes: {
      Owner: ACCOUNT,
      Policy: POLICY,
      TopicArn: TOPIC,
      DisplayName: '',
      SubscriptionsPending: '1',
      SubscriptionsConfirmed: confirmed,
      SubscriptionsDeleted: '0',
      EffectiveDeliveryPolicy: '{"http":{"defaultHealthyRetryPolicy":{}}}',
    },
  };
}

async function collect(confirmed: string) {
  const list: ListTopicsCommandOutput = { $metadata: {}, Topics: [{ TopicArn: TOPIC }] };
  const client = Object.assign(new SNSClient({ region: 'eu-west-1' }), {
    send: (command: { input: Partial<GetTopicAttributesCommandInput> }) =>
      Promise.resolve(command.input.TopicArn === undefined ? list : attributes(confirmed)),
  });
  const factory = { createClient: () => client } as unknown as AwsClientFactory;
  const run = new CollectionRun(factory, collectorCatalogue([topicsCollector]), {
    session: { accountId: ACCOUNT, partition: 'aws' } as AwsSession,
    homeRegion: 'us-east-1',
    regions: ['eu-west-1'],
    signal: new AbortController().signal,
    collectorConcurrency: 1,
    itemConcurrency: 1,
  });
  const snapshot = await run.collect(['sns.topics']);
  return snapshot.regional('sns.topics', 'eu-west-1');
}

describe('sns.topics collector (recorded response shape, moto never counts confirmed subscriptions)', () => {
  it('should read SubscriptionsConfirmed as the number of confirmed subscriptions', async () => {
    expect(await collect('2')).toEqual({
      ok: true,
      data: [
        {
          arn: TOPIC,
          name: 'cis-alarms',
          policy: { ok: true, data: POLICY },
          subscriptionsConfirmed: { ok: true, data: 2 },
        },
      ],
    });
  });

  it('should make a count that is not a number the topic’s error, never a count', async () => {
    const outcome = await collect('many');
    if (!outcome.ok) throw new Error(outcome.message);

    expect(outcome.data[0]?.subscriptionsConfirmed).toMatchObject({ ok: false, code: 'AWS_ERROR' });
    expect(outcome.data[0]?.policy).toEqual({ ok: true, data: POLICY });
  });
});
