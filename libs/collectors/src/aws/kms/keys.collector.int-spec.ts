// kms.keys against moto behind the fault proxy.
import {
  CreateKeyCommand,
  type CreateKeyCommandInput,
  EnableKeyRotationCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { type KmsKey } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { kmsActions, kmsCollectors } from '.';

const REGION = 'eu-west-1';

describe('kms.keys collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  const ids: Record<'rotating' | 'static' | 'signing' | 'deleting', string> = {
    rotating: '',
    static: '',
    signing: '',
    deleting: '',
  };
  const policy = (sid: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: sid, Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
      ],
    });

  async function keys(): Promise<KmsKey[]> {
    const { snapshot } = await h.collect(['kms.keys'], [REGION]);
    const outcome = snapshot.regional('kms.keys', REGION);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.data;
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const kms = h.clients.createClient(KMSClient, {
      region: REGION,
      service: 'kms',
      session: h.session,
    });
    const create = async (input: CreateKeyCommandInput) => {
      const out = await kms.send(new CreateKeyCommand(input));
      return out.KeyMetadata?.KeyId ?? '';
    };
    // moto leaves KeyUsage empty when CreateKey omits it (AWS defaults it): always pass it.
    const symmetric = { KeyUsage: 'ENCRYPT_DECRYPT' } as const;
    ids.rotating = await create({
      ...symmetric,
      Description: 'rotating',
      Policy: policy('rotating'),
    });
    await kms.send(new EnableKeyRotationCommand({ KeyId: ids.rotating }));
    ids.static = await create({ ...symmetric, Description: 'static', Policy: policy('static') });
    ids.signing = await create({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    ids.deleting = await create({ ...symmetric, Description: 'going' });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: ids.deleting, PendingWindowInDays: 7 }));
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read every key’s metadata and policy, and rotation of customer symmetric keys only', async () => {
    // moto answers ListKeys in one page: the proxy answers the first call with an empty page
    // and a marker, so only a collector that follows markers sees the keys.
    proxy.addRule({
      kind: 'emptyPageWithToken',
      service: 'kms',
      operation: 'ListKeys',
      listKey: 'Keys',
      tokenKey: 'NextMarker',
      times: 1,
    });
    const byId = new Map((await keys()).map((k) => [k.keyId, k]));
    const arn = (id: string) => `arn:aws:kms:${REGION}:${h.accountId}:key/${id}`;
    expect(byId.get(ids.rotating)).toEqual({
      keyId: ids.rotating,
      arn: arn(ids.rotating),
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      rotationEnabled: { ok: true, data: true },
      policy: { ok: true, data: policy('rotating') },
    });
    expect(byId.get(ids.static)).toMatchObject({ rotationEnabled: { ok: true, data: false } });
    expect(byId.get(ids.signing)).toMatchObject({
      keySpec: 'RSA_2048',
      keyUsage: 'SIGN_VERIFY',
      rotationEnabled: null,
      policy: { ok: true },
    });
    expect(byId.get(ids.deleting)).toMatchObject({
      keyState: 'PendingDeletion',
      rotationEnabled: null,
    });
    expect(byId.size).toBe(4);

    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    const declared = kmsCollectors.flatMap((c) => c.operations);
    expect([...called].sort()).toEqual([...declared].sort());
    for (const operation of declared) expect(kmsActions[operation]).toEqual([operation]);
  });

  it('should keep a key whose DescribeKey is denied, with the error in place of its metadata', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'kms', operation: 'DescribeKey', times: 1 });
    const opaque = (await keys()).filter((k) => k.describeError !== undefined);
    expect(
      opaque.map((k) => [
        k.keyManager,
        k.keyState,
        k.describeError?.code,
        k.rotationEnabled?.ok === false ? k.rotationEnabled.code : 'read',
        k.policy.ok,
      ]),
    ).toEqual([['UNKNOWN', 'UNKNOWN', 'ACCESS_DENIED', 'ACCESS_DENIED', true]]);
  });

  it('should fail the collector when ListKeys is denied', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'kms', operation: 'ListKeys' });
    const { snapshot } = await h.collect(['kms.keys'], [REGION]);
    expect(snapshot.regional('kms.keys', REGION)).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
  });
});
