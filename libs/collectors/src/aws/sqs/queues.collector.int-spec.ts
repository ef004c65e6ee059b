// sqs.queues against moto, through the fault proxy, and the 2.21 check over what was collected.
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ALL_CHECKS, checkContext, runCheck } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { sqsQueuesCollector } from './queues.collector';

const REGION = 'eu-west-1';

function sendPolicy(account: string, name: string, condition?: object): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'send',
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: `arn:aws:sqs:${REGION}:${account}:${name}`,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

describe('sqs.queues collector (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const sqs = h.clients.createClient(SQSClient, {
      region: REGION,
      service: 'sqs',
      session: h.session,
    });
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'open',
        Attributes: { Policy: sendPolicy(h.accountId, 'open') },
      }),
    );
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'from-topic',
        Attributes: {
          Policy: sendPolicy(h.accountId, 'from-topic', {
            ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${REGION}:${h.accountId}:alerts` },
          }),
        },
      }),
    );
    await sqs.send(new CreateQueueCommand({ QueueName: 'plain' }));
  });

  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });

  it('should read every queue with its ARN and policy (none = null)', async () => {
    proxy.clearLog();
    const { snapshot } = await h.collect(['sqs.queues'], [REGION, 'us-east-1']);
    const outcome = snapshot.regional('sqs.queues', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const byName = new Map(outcome.data.map((q) => [q.name, q]));
    expect([...byName.keys()].sort()).toEqual(['from-topic', 'open', 'plain']);
    expect(byName.get('open')).toMatchObject({
      arn: `arn:aws:sqs:${REGION}:${h.accountId}:open`,
      url: expect.stringMatching(new RegExp(`/${h.accountId}/open$`)) as unknown,
      policy: { ok: true, data: expect.stringContaining('sqs:SendMessage') as unknown },
    });
    expect(byName.get('plain')?.policy).toEqual({ ok: true, data: null });
    expect(snapshot.regional('sqs.queues', 'us-east-1')).toEqual({ ok: true, data: [] });

    const calls = proxy.log.filter((e) => e.service === 'sqs');
    expect(new Set(calls.map((e) => `sqs:${e.operation}`))).toEqual(
      new Set(sqsQueuesCollector.operations),
    );

    const check = ALL_CHECKS.find((c) => c.metadata.id === 'sqs_queue_policy_no_public_principal');
    if (check === undefined) throw new Error('check not registered');
    const results = runCheck(check, snapshot, checkContext({ accountId: h.accountId }));
    expect(results.map((r) => [r.resourceUid.split(':').pop(), r.status]).sort()).toEqual([
      ['from-topic', 'PASS'],
      ['open', 'FAIL'],
      ['plain', 'PASS'],
    ]);
  });

  it('should keep an unreadable queue policy as that queue’s error', async () => {
    proxy.setRules([{ kind: 'accessDenied', service: 'sqs', operation: 'GetQueueAttributes' }]);
    const { snapshot } = await h.collect(['sqs.queues'], [REGION]);
    proxy.clearRules();
    const outcome = snapshot.regional('sqs.queues', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.data.map((q) => q.policy)).toEqual([
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    ]);
  });
});
