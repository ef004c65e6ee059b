// ecs.clusters against moto through the fault proxy: an idle cluster, one running a task on a
// registered container instance, and none in another region.
import {
  CreateClusterCommand,
  ECSClient,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  type AwsProxy,
  collectorHarness,
  type CollectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { clustersCollector } from './clusters.collector';

describe('ecs.clusters (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const ecs = h.clients.createClient(ECSClient, {
      region: 'eu-west-1',
      service: 'ecs',
      session: h.session,
    });
    await ecs.send(
      new CreateClusterCommand({ clusterName: 'idle', tags: [{ key: 'team', value: 'data' }] }),
    );
    await ecs.send(new CreateClusterCommand({ clusterName: 'busy' }));
    // A container instance is an EC2 instance registered with the cluster.
    const ec2 = h.clients.createClient(EC2Client, {
      region: 'eu-west-1',
      service: 'ec2',
      session: h.session,
    });
    const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    const imageId = images.Images?.[0]?.ImageId;
    const run = await ec2.send(
      new RunInstancesCommand({ ImageId: imageId, MinCount: 1, MaxCount: 1 }),
    );
    const instanceId = run.Instances?.[0]?.InstanceId;
    await ecs.send(
      new RegisterContainerInstanceCommand({
        cluster: 'busy',
        instanceIdentityDocument: JSON.stringify({ instanceId }),
      }),
    );
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 10, memory: 128 }],
      }),
    );
    await ecs.send(new RunTaskCommand({ cluster: 'busy', taskDefinition: 'web', count: 1 }));
    proxy.clearLog();
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  afterEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should describe every cluster of the region with its counts and tags', async () => {
    const { snapshot } = await h.collect(['ecs.clusters'], ['eu-west-1', 'us-east-2']);
    const arn = (name: string) => `arn:aws:ecs:eu-west-1:${h.accountId}:cluster/${name}`;
    expect(snapshot.regional('ecs.clusters', 'eu-west-1')).toEqual({
      ok: true,
      data: [
        {
          name: 'busy',
          arn: arn('busy'),
          status: 'ACTIVE',
          runningTasksCount: 1,
          pendingTasksCount: 0,
          activeServicesCount: 0,
          registeredContainerInstancesCount: 1,
          tags: {},
        },
        {
          name: 'idle',
          arn: arn('idle'),
          status: 'ACTIVE',
          runningTasksCount: 0,
          pendingTasksCount: 0,
          activeServicesCount: 0,
          registeredContainerInstancesCount: 0,
          tags: { team: 'data' },
        },
      ],
    });
    expect(snapshot.regional('ecs.clusters', 'us-east-2')).toEqual({ ok: true, data: [] });
    const made = proxy.log.filter((e) => e.account === h.accountId);
    // No DescribeClusters for a region without clusters.
    expect(made.map((e) => `${e.service}:${e.operation}@${e.region}`).sort()).toEqual([
      'ecs:DescribeClusters@eu-west-1',
      'ecs:ListClusters@eu-west-1',
      'ecs:ListClusters@us-east-2',
    ]);
    for (const e of made) {
      expect(clustersCollector.operations).toContain(`${e.service}:${e.operation}`);
    }
  });

  it('should follow ListClusters’ nextToken', async () => {
    proxy.setRules([
      {
        kind: 'emptyPageWithToken',
        service: 'ecs',
        operation: 'ListClusters',
        listKey: 'clusterArns',
        tokenKey: 'nextToken',
        times: 1,
      },
    ]);
    const { snapshot } = await h.collect(['ecs.clusters'], ['eu-west-1']);
    const clusters = snapshot.regional('ecs.clusters', 'eu-west-1');
    expect(clusters.ok && clusters.data.map((c) => c.name)).toEqual(['busy', 'idle']);
    const lists = proxy.log.filter(
      (e) => e.account === h.accountId && e.operation === 'ListClusters',
    );
    expect(lists).toHaveLength(2);
  });

  it('should describe more than 100 clusters in batches of 100', async () => {
    const many = await collectorHarness({ endpointUrl: proxy.url });
    try {
      const ecs = many.clients.createClient(ECSClient, {
        region: 'eu-west-1',
        service: 'ecs',
        session: many.session,
      });
      const names = Array.from({ length: 101 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      for (const clusterName of names) await ecs.send(new CreateClusterCommand({ clusterName }));
      proxy.clearLog();
      const { snapshot } = await many.collect(['ecs.clusters'], ['eu-west-1']);
      const clusters = snapshot.regional('ecs.clusters', 'eu-west-1');
      expect(clusters.ok && clusters.data.map((c) => c.name)).toEqual(names);
      const describes = proxy.log.filter(
        (e) => e.account === many.accountId && e.operation === 'DescribeClusters',
      );
      expect(describes).toHaveLength(2);
    } finally {
      many.close();
    }
  });

  it('should fail the region with ACCESS_DENIED when ListClusters is denied', async () => {
    proxy.setRules([{ kind: 'accessDenied', service: 'ecs', operation: 'ListClusters' }]);
    const { snapshot } = await h.collect(['ecs.clusters'], ['eu-west-1']);
    expect(snapshot.regional('ecs.clusters', 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
  });
});
