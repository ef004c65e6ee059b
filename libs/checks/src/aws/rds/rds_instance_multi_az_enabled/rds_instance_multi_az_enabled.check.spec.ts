import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type RdsInstance } from '../../../collected/rds';
import { rdsInstanceMultiAzEnabled } from './rds_instance_multi_az_enabled.check';

function instance(id: string, multiAz: boolean, clusterId?: string): RdsInstance {
  return {
    id,
    arn: `arn:aws:rds:eu-west-1:111122223333:db:${id}`,
    engine: clusterId === undefined ? 'postgres' : 'aurora-postgresql',
    status: 'available',
    storageEncrypted: true,
    autoMinorVersionUpgrade: true,
    publiclyAccessible: false,
    multiAz,
    ...(clusterId === undefined ? {} : { clusterId }),
  };
}

function snapshot(euWest1: RdsInstance[]) {
  return new SnapshotBuilder()
    .setRegional('rds.instances', 'eu-west-1', ok(euWest1))
    .setRegional('rds.instances', 'us-east-1', ok([]));
}

describe('rds_instance_multi_az_enabled', () => {
  it('should PASS a Multi-AZ instance and FAIL a Single-AZ one, leaving cluster members to their cluster', () => {
    const results = runCheck(
      rdsInstanceMultiAzEnabled,
      snapshot([
        instance('ha', true),
        instance('single', false),
        instance('ledger-1', false, 'ledger'),
      ]),
    );
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:rds:eu-west-1:111122223333:db:ha', 'PASS'],
      ['arn:aws:rds:eu-west-1:111122223333:db:single', 'FAIL'],
    ]);
    expect(results[1]?.message).toBe(
      'RDS instance single (postgres) in eu-west-1 of account 111122223333 is a Single-AZ deployment',
    );
  });

  it('should be ERROR with the collector’s code when instances cannot be listed', () => {
    const results = runCheck(
      rdsInstanceMultiAzEnabled,
      new SnapshotBuilder()
        .setRegional('rds.instances', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('rds.instances', 'us-east-1', ok([])),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing when there are no instances outside clusters', () => {
    expect(
      runCheck(rdsInstanceMultiAzEnabled, snapshot([instance('ledger-1', true, 'ledger')])),
    ).toEqual([]);
  });
});
