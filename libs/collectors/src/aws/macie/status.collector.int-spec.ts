// macie.status against moto, through the fault proxy. moto answers a disabled session with
// ResourceNotFoundException; AWS's answer for a region without Macie (AccessDeniedException
// "Macie is not enabled.") is injected by the proxy. moto's successful answers carry
// timestamps without a zone offset, which the SDK refuses: the ENABLED / PAUSED reads are in
// the recorded-shape unit spec (status.collector.spec.ts).
import { DisableMacieCommand, Macie2Client } from '@aws-sdk/client-macie2';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { statusCollector } from './status.collector';

describe('macie.status (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    await h.clients
      .createClient(Macie2Client, { region: 'us-east-1', service: 'macie2', session: h.session })
      .send(new DisableMacieCommand({}));
  });
  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read a disabled session as DISABLED', async () => {
    const { snapshot } = await h.collect(['macie.status'], ['us-east-1']);
    expect(snapshot.regional('macie.status', 'us-east-1')).toEqual({
      ok: true,
      data: { status: 'DISABLED' },
    });
    expect(proxy.log.map((e) => [`${e.service}:${e.operation}`, e.status])).toEqual([
      ['macie2:GetMacieSession', 404],
    ]);
    expect(statusCollector.operations).toEqual(['macie2:GetMacieSession']);
  });

  it('should read AWS’s "Macie is not enabled." denial as DISABLED, and any other denial as an error', async () => {
    proxy.setRules([
      {
        kind: 'accessDenied',
        operation: 'GetMacieSession',
        region: 'ap-south-1',
        message: 'Macie is not enabled.',
      },
      { kind: 'accessDenied', operation: 'GetMacieSession', region: 'sa-east-1' },
    ]);
    const { snapshot } = await h.collect(['macie.status'], ['ap-south-1', 'sa-east-1']);
    expect(snapshot.regional('macie.status', 'ap-south-1')).toEqual({
      ok: true,
      data: { status: 'DISABLED' },
    });
    expect(snapshot.regional('macie.status', 'sa-east-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
      message: expect.stringContaining('not authorized') as string,
    });
  });
});
