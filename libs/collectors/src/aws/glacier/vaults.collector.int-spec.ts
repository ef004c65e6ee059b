// glacier.vaults against moto, through the fault proxy. moto 5.2.1 lists and creates vaults but
// has no vault access policies (Set/GetVaultAccessPolicy are not routed; it answers a 404 HTML
// page): the policy reading is proven on recorded response shapes in vaults.collector.spec.ts.
import { CreateVaultCommand, GlacierClient } from '@aws-sdk/client-glacier';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';

const REGION = 'eu-west-1';

describe('glacier.vaults collector (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const glacier = h.clients.createClient(GlacierClient, {
      region: REGION,
      service: 'glacier',
      session: h.session,
    });
    await glacier.send(new CreateVaultCommand({ accountId: '-', vaultName: 'archive' }));
  });

  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });

  it('should list every vault with its ARN, and keep moto’s unanswered access policy as an error', async () => {
    proxy.clearLog();
    const { snapshot } = await h.collect(['glacier.vaults'], [REGION, 'us-east-1']);
    const outcome = snapshot.regional('glacier.vaults', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.data).toEqual([
      expect.objectContaining({
        name: 'archive',
        arn: `arn:aws:glacier:${REGION}:${h.accountId}:vaults/archive`,
      }),
    ]);
    // moto has no access-policy route: a 404 HTML page the SDK cannot parse — an error, never "no policy".
    expect(outcome.data[0]?.policy).toMatchObject({ ok: false, code: 'AWS_ERROR' });
    expect(snapshot.regional('glacier.vaults', 'us-east-1')).toEqual({ ok: true, data: [] });
    expect(
      proxy.log
        .filter((e) => e.service === 'glacier')
        .map((e) => `glacier:${e.operation}`)
        .sort(),
    ).toEqual(['glacier:GetVaultAccessPolicy', 'glacier:ListVaults', 'glacier:ListVaults']);
  });
});
