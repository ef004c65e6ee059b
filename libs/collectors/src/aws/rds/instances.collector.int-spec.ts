// rds.instances and rds.clusters against moto, through the fault proxy.
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { type RdsCluster, type RdsInstance } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { clustersCollector } from './clusters.collector';
import { instancesCollector } from './instances.collector';

describe('rds collectors (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const rds = h.clients.createClient(RDSClient, {
      region: 'eu-west-1',
      service: 'rds',
      session: h.session,
    });
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'orders',
        DBInstanceClass: 'db.t3.micro',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MasterUsername: 'admin1',
        MasterUserPassword: 'correct-horse-battery',
        StorageEncrypted: true,
        AutoMinorVersionUpgrade: true,
        PubliclyAccessible: false,
        MultiAZ: true,
      }),
    );
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'scratch',
        DBInstanceClass: 'db.t3.micro',
        Engine: 'mysql',
        AllocatedStorage: 20,
        MasterUsername: 'admin1',
        MasterUserPassword: 'correct-horse-battery',
        StorageEncrypted: false,
        AutoMinorVersionUpgrade: false,
        PubliclyAccessible: true,
        MultiAZ: false,
      }),
    );
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'ledger',
        Engine: 'aurora-postgresql',
        MasterUsername: 'admin1',
        MasterUserPassword: 'correct-horse-battery',
        StorageEncrypted: true,
      }),
    );
    for (const [id, zone] of [
      ['ledger-1', 'eu-west-1a'],
      ['ledger-2', 'eu-west-1b'],
    ] as const) {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: id,
          DBClusterIdentifier: 'ledger',
          DBInstanceClass: 'db.r6g.large',
          Engine: 'aurora-postgresql',
          AvailabilityZone: zone,
        }),
      );
    }
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'solo',
        Engine: 'aurora-mysql',
        MasterUsername: 'admin1',
        MasterUserPassword: 'correct-horse-battery',
      }),
    );
  });
  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  function byId<T extends { id: string }>(items: readonly T[], id: string): T {
    const found = items.find((i) => i.id === id);
    if (found === undefined) throw new Error(`${id} was not collected`);
    return found;
  }

  it('should read every instance’s encryption, upgrade, exposure and Multi-AZ flags', async () => {
    const { snapshot } = await h.collect(['rds.instances'], ['eu-west-1', 'us-east-1']);
    const eu = snapshot.regional('rds.instances', 'eu-west-1');
    if (!eu.ok) throw new Error(eu.message);
    expect(eu.data.map((i) => i.id).sort()).toEqual(['ledger-1', 'ledger-2', 'orders', 'scratch']);
    expect(byId<RdsInstance>(eu.data, 'orders')).toMatchObject({
      arn: `arn:aws:rds:eu-west-1:${h.accountId}:db:orders`,
      engine: 'postgres',
      storageEncrypted: true,
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
      multiAz: true,
    });
    expect(byId<RdsInstance>(eu.data, 'scratch')).toMatchObject({
      engine: 'mysql',
      storageEncrypted: false,
      autoMinorVersionUpgrade: false,
      publiclyAccessible: true,
      multiAz: false,
    });
    expect(byId<RdsInstance>(eu.data, 'ledger-1')).toMatchObject({ clusterId: 'ledger' });
    expect(byId<RdsInstance>(eu.data, 'scratch')).not.toHaveProperty('clusterId');
    expect(snapshot.regional('rds.instances', 'us-east-1')).toEqual({ ok: true, data: [] });
    expect(new Set(proxy.log.map((e) => `${e.service}:${e.operation}`))).toEqual(
      new Set(instancesCollector.operations),
    );
  });

  it('should read every cluster’s encryption and Multi-AZ flag', async () => {
    const { snapshot } = await h.collect(['rds.clusters'], ['eu-west-1']);
    const eu = snapshot.regional('rds.clusters', 'eu-west-1');
    if (!eu.ok) throw new Error(eu.message);
    expect(eu.data.map((c) => c.id).sort()).toEqual(['ledger', 'solo']);
    expect(byId<RdsCluster>(eu.data, 'ledger')).toMatchObject({
      arn: `arn:aws:rds:eu-west-1:${h.accountId}:cluster:ledger`,
      engine: 'aurora-postgresql',
      storageEncrypted: true,
      multiAz: true,
    });
    expect(byId<RdsCluster>(eu.data, 'solo')).toMatchObject({
      engine: 'aurora-mysql',
      storageEncrypted: false,
      multiAz: false,
    });
    expect(byId<RdsCluster>(eu.data, 'ledger').engineVersion).toEqual(expect.any(String));
    expect(new Set(proxy.log.map((e) => `${e.service}:${e.operation}`))).toEqual(
      new Set(clustersCollector.operations),
    );
  });

  it('should fail the collector with the classified code when the listing is denied', async () => {
    proxy.setRules([
      { kind: 'accessDenied', operation: 'DescribeDBInstances', region: 'eu-west-1' },
    ]);
    const { snapshot } = await h.collect(['rds.instances'], ['eu-west-1', 'us-east-1']);
    expect(snapshot.regional('rds.instances', 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
    expect(snapshot.regional('rds.instances', 'us-east-1')).toEqual({ ok: true, data: [] });
  });
});
