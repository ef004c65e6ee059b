import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { hubCollector } from './hub.collector';

describe('securityhub.hub collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const hub = h.clients.createClient(SecurityHubClient, {
      region: 'eu-west-1',
      service: 'securityhub',
      session: h.session,
    });
    await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  it('should read the hub where Security Hub is enabled and null where it is not subscribed', async () => {
    const { snapshot } = await h.collect(['securityhub.hub'], ['eu-west-1', 'us-east-1']);

    expect(snapshot.regional('securityhub.hub', 'eu-west-1')).toEqual({
      ok: true,
      data: expect.objectContaining({
        hubArn: `arn:aws:securityhub:eu-west-1:${h.accountId}:hub/default`,
        autoEnableControls: true,
      }) as unknown,
    });
    // moto answers as AWS does: InvalidAccessException "... is not subscribed to AWS Security Hub".
    expect(snapshot.regional('securityhub.hub', 'us-east-1')).toEqual({ ok: true, data: null });
    const calls = new Set(proxy.log.map((e) => `${e.service}:${e.operation}`));
    expect([...calls]).toEqual(['securityhub:DescribeHub']);
    expect(hubCollector.operations).toEqual([...calls]);
  });

  it('should fail, not read as disabled, when DescribeHub is denied', async () => {
    proxy.setRules([{ kind: 'accessDenied', service: 'securityhub', operation: 'DescribeHub' }]);

    const { snapshot } = await h.collect(['securityhub.hub'], ['us-east-1']);

    expect(snapshot.regional('securityhub.hub', 'us-east-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
  });
});
