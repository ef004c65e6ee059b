import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type RdsCluster } from '../../../collected/rds';
import { rdsClusterMultiAzEnabled } from './rds_cluster_multi_az_enabled.check';

function cluster(id: string, multiAz: boolean): RdsCluster {
  return {
    id,
    arn: `arn:aws:rds:us-east-1:111122223333:cluster:${id}`,
    engine: 'aurora-mysql',
    engineVersion: '8.0.mysql_aurora.3.05.2',
    storageEncrypted: true,
    multiAz,
  };
}

function snapshot(usEast1: RdsCluster[]) {
  return new SnapshotBuilder()
    .setRegional('rds.clusters', 'eu-west-1', ok([]))
    .setRegional('rds.clusters', 'us-east-1', ok(usEast1));
}

describe('rds_cluster_multi_az_enabled', () => {
  it('should PASS a cluster spanning zones and FAIL one in a single zone', () => {
    const results = runCheck(
      rdsClusterMultiAzEnabled,
      snapshot([cluster('ledger', true), cluster('solo', false)]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region, r.resourceType])).toEqual([
      ['arn:aws:rds:us-east-1:111122223333:cluster:ledger', 'PASS', 'us-east-1', 'AwsRdsDbCluster'],
      ['arn:aws:rds:us-east-1:111122223333:cluster:solo', 'FAIL', 'us-east-1', 'AwsRdsDbCluster'],
    ]);
    expect(results[1]).toMatchObject({
      message:
        'RDS cluster solo (aurora-mysql) in us-east-1 of account 111122223333 is not Multi-AZ: its instances are in one Availability Zone',
      evidence: { engineVersion: '8.0.mysql_aurora.3.05.2', multiAz: false },
    });
  });

  it('should be ERROR with the collector’s code when clusters cannot be listed', () => {
    const results = runCheck(
      rdsClusterMultiAzEnabled,
      new SnapshotBuilder()
        .setRegional('rds.clusters', 'eu-west-1', ok([]))
        .setRegional('rds.clusters', 'us-east-1', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED', region: 'us-east-1' }),
    ]);
  });

  it('should report nothing when there are no clusters', () => {
    expect(runCheck(rdsClusterMultiAzEnabled, snapshot([]))).toEqual([]);
  });
});
