// Every RDS DB cluster of the region (Aurora and Multi-AZ DB clusters).
import { type DBCluster, RDSClient, paginateDescribeDBClusters } from '@aws-sdk/client-rds';
import { type RdsCluster } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

function toCluster(db: DBCluster, fallbackArn: string): RdsCluster {
  const cluster: RdsCluster = {
    id: db.DBClusterIdentifier ?? '',
    arn: db.DBClusterArn ?? fallbackArn,
    engine: db.Engine ?? '',
    storageEncrypted: db.StorageEncrypted === true,
    multiAz: db.MultiAZ === true,
  };
  if (db.EngineVersion !== undefined) cluster.engineVersion = db.EngineVersion;
  if (db.KmsKeyId !== undefined) cluster.kmsKeyId = db.KmsKeyId;
  return cluster;
}

export const clustersCollector = defineCollector({
  key: 'rds.clusters',
  scope: 'regional',
  operations: ['rds:DescribeDBClusters'],
  async collect(ctx) {
    const rds = ctx.client(RDSClient, 'rds');
    const clusters: RdsCluster[] = [];
    for await (const page of paginateDescribeDBClusters({ client: rds }, {})) {
      for (const db of page.DBClusters ?? []) {
        const id = db.DBClusterIdentifier ?? '';
        clusters.push(
          toCluster(db, `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:cluster:${id}`),
        );
      }
    }
    return clusters;
  },
});
