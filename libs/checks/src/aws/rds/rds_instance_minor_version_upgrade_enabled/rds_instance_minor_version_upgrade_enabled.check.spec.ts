import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type RdsInstance } from '../../../collected/rds';
import { rdsInstanceMinorVersionUpgradeEnabled } from './rds_instance_minor_version_upgrade_enabled.check';

function instance(id: string, autoMinorVersionUpgrade: boolean): RdsInstance {
  return {
    id,
    arn: `arn:aws:rds:eu-west-1:111122223333:db:${id}`,
    engine: 'mysql',
    engineVersion: '8.0.35',
    status: 'available',
    storageEncrypted: true,
    autoMinorVersionUpgrade,
    publiclyAccessible: false,
    multiAz: false,
  };
}

function snapshot(euWest1: RdsInstance[]) {
  return new SnapshotBuilder()
    .setRegional('rds.instances', 'eu-west-1', ok(euWest1))
    .setRegional('rds.instances', 'us-east-1', ok([]));
}

describe('rds_instance_minor_version_upgrade_enabled', () => {
  it('should PASS an instance with Auto Minor Version Upgrade and FAIL one without', () => {
    const results = runCheck(
      rdsInstanceMinorVersionUpgradeEnabled,
      snapshot([instance('auto', true), instance('pinned', false)]),
    );
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:rds:eu-west-1:111122223333:db:auto', 'PASS'],
      ['arn:aws:rds:eu-west-1:111122223333:db:pinned', 'FAIL'],
    ]);
    expect(results[1]).toMatchObject({
      message:
        'RDS instance pinned (mysql) in eu-west-1 of account 111122223333 has Auto Minor Version Upgrade turned off',
      evidence: { engineVersion: '8.0.35', autoMinorVersionUpgrade: false },
    });
  });

  it('should be ERROR with the collector’s code when instances cannot be listed', () => {
    const results = runCheck(
      rdsInstanceMinorVersionUpgradeEnabled,
      new SnapshotBuilder()
        .setRegional('rds.instances', 'eu-west-1', ok([]))
        .setRegional('rds.instances', 'us-east-1', failed('THROTTLED', 'Rate exceeded')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'THROTTLED', region: 'us-east-1' }),
    ]);
  });

  it('should report nothing when there are no instances', () => {
    expect(runCheck(rdsInstanceMinorVersionUpgradeEnabled, snapshot([]))).toEqual([]);
  });
});
