// secretsmanager.secrets against moto, through the fault proxy, and the 2.21 check over it.
import {
  CreateSecretCommand,
  PutResourcePolicyCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ALL_CHECKS, checkContext, runCheck } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { secretsManagerSecretsCollector } from './secrets.collector';

const REGION = 'eu-west-1';

const readBy = (principal: unknown) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
      },
    ],
  });

describe('secretsmanager.secrets collector (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const sm = h.clients.createClient(SecretsManagerClient, {
      region: REGION,
      service: 'secretsmanager',
      session: h.session,
    });
    for (const name of ['shared', 'team', 'plain']) {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));
    }
    await sm.send(
      new PutResourcePolicyCommand({ SecretId: 'shared', ResourcePolicy: readBy({ AWS: '*' }) }),
    );
    await sm.send(
      new PutResourcePolicyCommand({
        SecretId: 'team',
        ResourcePolicy: readBy({ AWS: `arn:aws:iam::${h.accountId}:role/app` }),
      }),
    );
  });

  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });

  it('should read every secret with its resource policy (none = null)', async () => {
    proxy.clearLog();
    const { snapshot } = await h.collect(['secretsmanager.secrets'], [REGION, 'us-east-1']);
    const outcome = snapshot.regional('secretsmanager.secrets', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    const byName = new Map(outcome.data.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['plain', 'shared', 'team']);
    expect(byName.get('shared')).toMatchObject({
      arn: expect.stringMatching(
        new RegExp(`^arn:aws:secretsmanager:${REGION}:${h.accountId}:secret:shared-`),
      ) as unknown,
      policy: { ok: true, data: expect.stringContaining('GetSecretValue') as unknown },
    });
    expect(byName.get('plain')?.policy).toEqual({ ok: true, data: null });
    expect(snapshot.regional('secretsmanager.secrets', 'us-east-1')).toEqual({
      ok: true,
      data: [],
    });

    const calls = proxy.log.filter((e) => e.service === 'secretsmanager');
    expect(new Set(calls.map((e) => `secretsmanager:${e.operation}`))).toEqual(
      new Set(secretsManagerSecretsCollector.operations),
    );

    const check = ALL_CHECKS.find(
      (c) => c.metadata.id === 'secretsmanager_secret_policy_no_public_principal',
    );
    if (check === undefined) throw new Error('check not registered');
    const results = runCheck(check, snapshot, checkContext({ accountId: h.accountId }));
    expect(results.map((r) => [r.message.split(' ')[1], r.status]).sort()).toEqual([
      ['plain', 'PASS'],
      ['shared', 'FAIL'],
      ['team', 'PASS'],
    ]);
  });

  it('should fail the collector with the classified code when the listing is throttled', async () => {
    proxy.setRules([{ kind: 'throttle', service: 'secretsmanager', operation: 'ListSecrets' }]);
    const { snapshot } = await h.collect(['secretsmanager.secrets'], [REGION]);
    proxy.clearRules();
    expect(snapshot.regional('secretsmanager.secrets', REGION)).toMatchObject({
      ok: false,
      code: 'THROTTLED',
    });
  });
});
