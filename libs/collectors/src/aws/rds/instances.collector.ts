// Every RDS DB instance of the region (DescribeDBInstances also lists Aurora, Neptune and
// DocumentDB instances, which share the RDS management API).
import { type DBInstance, RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import { type RdsInstance } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function toInstance(db: DBInstance, fallbackArn: string): RdsInstance {
  const instance: RdsInstance = {
    id: db.DBInstanceIdentifier ?? '',
    arn: db.DBInstanceArn ?? fallbackArn,
    engine: db.Engine ?? '',
    status: db.DBInstanceStatus ?? '',
    storageEncrypted: db.StorageEncrypted === true,
    autoMinorVersionUpgrade: db.AutoMinorVersionUpgrade === true,
    publiclyAccessible: db.PubliclyAccessible === true,
    multiAz: db.MultiAZ === true,
  };
  if (db.DBClusterIdentifier !== undefined) instance.clusterId = db.DBClusterIdentifier;
  if (db.EngineVersion !== undefined) instance.engineVersion = db.EngineVersion;
  if (db.KmsKeyId !== undefined) instance.kmsKeyId = db.KmsKeyId;
  return instance;
}

export const instancesCollector = defineCollector({
  key: 'rds.instances',
  scope: 'regional',
  operations: ['rds:DescribeDBInstances'],
  async collect(ctx) {
    const rds = ctx.client(RDSClient, 'rds');
    const instances: RdsInstance[] = [];
    for await (const page of paginateDescribeDBInstances({ client: rds }, {})) {
      for (const db of page.DBInstances ?? []) {
        const id = db.DBInstanceIdentifier ?? '';
        instances.push(
          toInstance(db, `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:db:${id}`),
        );
      }
    }
    return instances;
  },
});
