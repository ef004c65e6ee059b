// config.recorders against moto behind the fault proxy.
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { configActions, configCollectors } from '.';

describe('config.recorders collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  const config = (region: string) =>
    h.clients.createClient(ConfigServiceClient, { region, service: 'config', session: h.session });

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const role = `arn:aws:iam::${h.accountId}:role/config-recorder`;
    await config('eu-west-1').send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'default',
          roleARN: role,
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      }),
    );
    await config('eu-west-1').send(
      new PutDeliveryChannelCommand({
        DeliveryChannel: { name: 'default', s3BucketName: `config-${h.accountId}` },
      }),
    );
    await config('eu-west-1').send(
      new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }),
    );
    await config('eu-central-1').send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'partial',
          roleARN: role,
          recordingGroup: {
            allSupported: false,
            includeGlobalResourceTypes: false,
            resourceTypes: ['AWS::EC2::Instance', 'AWS::S3::Bucket'],
            recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
          },
        },
      }),
    );
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read each region’s recorders with their recording group and status', async () => {
    const { snapshot } = await h.collect(
      ['config.recorders'],
      ['eu-west-1', 'eu-central-1', 'us-east-1'],
    );
    const role = `arn:aws:iam::${h.accountId}:role/config-recorder`;
    const euWest1 = snapshot.regional('config.recorders', 'eu-west-1');
    const changed = euWest1.ok ? euWest1.data[0]?.status?.lastStatusChangeTime : undefined;
    expect(typeof changed).toBe('string');
    expect(new Date(changed ?? '').toISOString()).toBe(changed);
    expect(euWest1).toEqual({
      ok: true,
      data: [
        {
          name: 'default',
          roleArn: role,
          recordingGroup: {
            allSupported: true,
            includeGlobalResourceTypes: true,
            resourceTypes: [],
            exclusionResourceTypes: [],
            recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
          },
          status: {
            recording: true,
            lastStatus: 'PENDING',
            lastStatusChangeTime: changed,
          },
        },
      ],
    });
    expect(snapshot.regional('config.recorders', 'eu-central-1')).toEqual({
      ok: true,
      data: [
        expect.objectContaining({
          name: 'partial',
          recordingGroup: {
            allSupported: false,
            includeGlobalResourceTypes: false,
            resourceTypes: ['AWS::EC2::Instance', 'AWS::S3::Bucket'],
            exclusionResourceTypes: [],
            recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
          },
          status: { recording: false },
        }),
      ],
    });
    expect(snapshot.regional('config.recorders', 'us-east-1')).toEqual({ ok: true, data: [] });

    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    const declared = configCollectors.flatMap((c) => c.operations);
    expect([...called].sort()).toEqual([...declared].sort());
    for (const operation of declared) expect(configActions[operation]).toEqual([operation]);
  });

  it('should fail the region’s collector when the status cannot be read', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      service: 'config',
      operation: 'DescribeConfigurationRecorderStatus',
    });
    const { snapshot } = await h.collect(['config.recorders'], ['eu-west-1']);
    expect(snapshot.regional('config.recorders', 'eu-west-1')).toEqual(
      expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }),
    );
  });
});
