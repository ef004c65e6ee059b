import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { runCheck } from '../../../framework/check-kit';
import { type RdsInstance } from '../../../collected/rds';
import { rdsInstanceStorageEncrypted } from './rds_instance_storage_encrypted.check';

function instance(id: string, over: Partial<RdsInstance> = {}): RdsInstance {
  return {
    id,
    arn: `arn:aws:rds:eu-west-1:111122223333:db:${id}`,
    engine: 'postgres',
    status: 'available',
    storageEncrypted: true,
    autoMinorVersionUpgrade: true,
    publiclyAccessible: false,
    multiAz: true,
    ...over,
  };
}

function snapshot(euWest1: RdsInstance[], usEast1: RdsInstance[] = []) {
  return new SnapshotBuilder()
    .setRegional('rds.instances', 'eu-west-1', ok(euWest1))
    .setRegional('rds.instances', 'us-east-1', ok(usEast1));
}

describe('rds_instance_storage_encrypted', () => {
  it('should PASS an encrypted instance, in its region, with the key in the evidence', () => {
    const results = runCheck(
      rdsInstanceStorageEncrypted,
      snapshot([instance('orders', { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1' })]),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        region: 'eu-west-1',
        resourceUid: 'arn:aws:rds:eu-west-1:111122223333:db:orders',
        resourceType: 'AwsRdsDbInstance',
        message:
          'RDS instance orders (postgres) in eu-west-1 of account 111122223333 has its storage encrypted at rest',
        evidence: {
          engine: 'postgres',
          status: 'available',
          storageEncrypted: true,
          kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
        },
      }),
    ]);
  });

  it('should FAIL an unencrypted instance and judge each region separately', () => {
    const results = runCheck(
      rdsInstanceStorageEncrypted,
      snapshot(
        [instance('orders')],
        [
          instance('scratch', {
            storageEncrypted: false,
            engine: 'mysql',
            arn: 'arn:aws:rds:us-east-1:111122223333:db:scratch',
          }),
        ],
      ),
    );
    expect(results.map((r) => [r.region, r.status])).toEqual([
      ['eu-west-1', 'PASS'],
      ['us-east-1', 'FAIL'],
    ]);
    expect(results[1]?.message).toBe(
      'RDS instance scratch (mysql) in us-east-1 of account 111122223333 does not encrypt its storage at rest',
    );
  });

  it('should be one ERROR for the region whose instances cannot be listed, never PASS', () => {
    const results = runCheck(
      rdsInstanceStorageEncrypted,
      new SnapshotBuilder()
        .setRegional('rds.instances', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('rds.instances', 'us-east-1', ok([])),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        region: 'eu-west-1',
        resourceUid: 'arn:aws:rds:eu-west-1:111122223333:region',
      }),
    ]);
  });

  it('should report nothing when there are no instances', () => {
    expect(runCheck(rdsInstanceStorageEncrypted, snapshot([]))).toEqual([]);
  });
});
