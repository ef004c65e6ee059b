import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { topicsCollector } from './topics.collector';

describe('sns.topics collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const sns = h.clients.createClient(SNSClient, {
      region: 'eu-west-1',
      service: 'sns',
      session: h.session,
    });
    for (const name of ['cis-alarms', 'builds']) {
      const created = await sns.send(new CreateTopicCommand({ Name: name }));
      await sns.send(
        new SubscribeCommand({
          TopicArn: created.TopicArn,
          Protocol: 'email',
          Endpoint: 'secops@example.com',
        }),
      );
    }
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  it('should list every topic with its policy and confirmed-subscription count', async () => {
    const { snapshot } = await h.collect(['sns.topics'], ['eu-west-1', 'us-east-1']);

    const outcome = snapshot.regional('sns.topics', 'eu-west-1');
    if (!outcome.ok) throw new Error(outcome.message);
    const topic = outcome.data.find((t) => t.name === 'cis-alarms');
    expect(outcome.data.map((t) => t.name).sort()).toEqual(['builds', 'cis-alarms']);
    // moto never counts confirmed subscriptions (always 0); the count's parsing is covered by
    // the recorded-shape unit spec.
    expect(topic).toMatchObject({
      arn: `arn:aws:sns:eu-west-1:${h.accountId}:cis-alarms`,
      subscriptionsConfirmed: { ok: true, data: 0 },
    });
    if (topic === undefined || !topic.policy.ok) throw new Error('no policy read');
    expect(JSON.parse(topic.policy.data ?? 'null')).toMatchObject({
      Statement: [expect.objectContaining({ Effect: 'Allow' })],
    });
    expect(snapshot.regional('sns.topics', 'us-east-1')).toEqual({ ok: true, data: [] });
    const calls = new Set(proxy.log.map((e) => `${e.service}:${e.operation}`));
    expect([...calls].sort()).toEqual(['sns:GetTopicAttributes', 'sns:ListTopics']);
    expect([...topicsCollector.operations].sort()).toEqual([...calls].sort());
  });

  it('should keep one topic’s unreadable attributes as its error and still list the others', async () => {
    proxy.setRules([
      { kind: 'accessDenied', service: 'sns', operation: 'GetTopicAttributes', times: 1 },
    ]);

    const { snapshot } = await h.collect(['sns.topics'], ['eu-west-1']);

    const outcome = snapshot.regional('sns.topics', 'eu-west-1');
    if (!outcome.ok) throw new Error(outcome.message);
    const denied = outcome.data.filter((t) => !t.policy.ok);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      policy: { ok: false, code: 'ACCESS_DENIED' },
      subscriptionsConfirmed: { ok: false, code: 'ACCESS_DENIED' },
    });
    expect(outcome.data.filter((t) => t.policy.ok)).toHaveLength(1);
  });

  it('should fail the region when the topics cannot be listed', async () => {
    proxy.setRules([{ kind: 'accessDenied', service: 'sns', operation: 'ListTopics' }]);

    const { snapshot } = await h.collect(['sns.topics'], ['eu-west-1']);

    expect(snapshot.regional('sns.topics', 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
  });
});
