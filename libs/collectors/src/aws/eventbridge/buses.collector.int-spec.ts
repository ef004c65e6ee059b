// eventbridge.buses against moto, through the fault proxy, and the 2.21 check over it.
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutPermissionCommand,
} from '@aws-sdk/client-eventbridge';
import { ALL_CHECKS, checkContext, runCheck } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { eventbridgeBusesCollector } from './buses.collector';

const REGION = 'eu-west-1';

describe('eventbridge.buses collector (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const events = h.clients.createClient(EventBridgeClient, {
      region: REGION,
      service: 'eventbridge',
      session: h.session,
    });
    await events.send(new CreateEventBusCommand({ Name: 'partners' }));
    await events.send(
      new PutPermissionCommand({
        EventBusName: 'partners',
        StatementId: 'everyone',
        Action: 'events:PutEvents',
        Principal: '*',
      }),
    );
  });

  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });

  it('should list every bus, the default one included, with the policy the listing carries', async () => {
    proxy.clearLog();
    const { snapshot } = await h.collect(['eventbridge.buses'], [REGION]);
    const outcome = snapshot.regional('eventbridge.buses', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const byName = new Map(outcome.data.map((b) => [b.name, b]));
    expect([...byName.keys()].sort()).toEqual(['default', 'partners']);
    expect(byName.get('default')).toEqual({
      name: 'default',
      arn: `arn:aws:events:${REGION}:${h.accountId}:event-bus/default`,
      policy: null,
    });
    // moto writes PutPermission's Principal "*" as {"AWS": "arn:aws:iam::*:root"}: every account.
    expect(JSON.parse(byName.get('partners')?.policy ?? 'null')).toMatchObject({
      Statement: [
        expect.objectContaining({ Sid: 'everyone', Principal: { AWS: 'arn:aws:iam::*:root' } }),
      ],
    });

    expect(
      proxy.log.filter((e) => e.service === 'events').map((e) => `events:${e.operation}`),
    ).toEqual([...eventbridgeBusesCollector.operations]);

    const check = ALL_CHECKS.find(
      (c) => c.metadata.id === 'eventbridge_bus_policy_no_public_principal',
    );
    if (check === undefined) throw new Error('check not registered');
    const results = runCheck(
      check,
      snapshot,
      checkContext({
        accountId: h.accountId,
        regions: { scanned: [REGION], enabled: [REGION], notEnabled: [] },
      }),
    );
    expect(results.map((r) => [r.resourceUid.split('/').pop(), r.status]).sort()).toEqual([
      ['default', 'PASS'],
      ['partners', 'FAIL'],
    ]);
  });
});
