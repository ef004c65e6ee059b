import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type RdsInstance } from '../../../collected/rds';
import { rdsInstanceNotPubliclyAccessible } from './rds_instance_not_publicly_accessible.check';

function instance(id: string, publiclyAccessible: boolean): RdsInstance {
  return {
    id,
    arn: `arn:aws:rds:eu-west-1:111122223333:db:${id}`,
    engine: 'aurora-postgresql',
    status: 'available',
    storageEncrypted: true,
    autoMinorVersionUpgrade: true,
    publiclyAccessible,
    multiAz: false,
    clusterId: 'ledger',
  };
}

function snapshot(euWest1: RdsInstance[]) {
  return new SnapshotBuilder()
    .setRegional('rds.instances', 'eu-west-1', ok(euWest1))
    .setRegional('rds.instances', 'us-east-1', ok([]));
}

describe('rds_instance_not_publicly_accessible', () => {
  it('should PASS a private instance and FAIL a publicly accessible one', () => {
    const results = runCheck(
      rdsInstanceNotPubliclyAccessible,
      snapshot([instance('private', false), instance('exposed', true)]),
    );
    expect(results.map((r) => [r.resourceUid, r.status])).toEqual([
      ['arn:aws:rds:eu-west-1:111122223333:db:private', 'PASS'],
      ['arn:aws:rds:eu-west-1:111122223333:db:exposed', 'FAIL'],
    ]);
    expect(results[1]).toMatchObject({
      message:
        'RDS instance exposed (aurora-postgresql) in eu-west-1 of account 111122223333 is publicly accessible',
      evidence: { clusterId: 'ledger', publiclyAccessible: true },
    });
  });

  it('should be ERROR with the collector’s code when instances cannot be listed', () => {
    const results = runCheck(
      rdsInstanceNotPubliclyAccessible,
      new SnapshotBuilder()
        .setRegional('rds.instances', 'eu-west-1', failed('REGION_NOT_ENABLED', 'opt-in'))
        .setRegional('rds.instances', 'us-east-1', ok([instance('private', false)])),
    );
    expect(results.map((r) => [r.region, r.status, r.errorCode])).toEqual([
      ['eu-west-1', 'ERROR', 'REGION_NOT_ENABLED'],
      ['us-east-1', 'PASS', undefined],
    ]);
  });

  it('should report nothing when there are no instances', () => {
    expect(runCheck(rdsInstanceNotPubliclyAccessible, snapshot([]))).toEqual([]);
  });
});
