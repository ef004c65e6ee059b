// How RDS checks name and describe instances and clusters (shared by the rds checks).
import { type RdsCluster, type RdsInstance } from '../../collected/rds';
import { type CheckContext } from '../../framework/context';
import { type Evidence, where } from '../../framework/results';

/** "RDS instance orders (postgres) in eu-west-1 of account 111122223333". */
export function instanceName(db: RdsInstance, ctx: CheckContext): string {
  return `RDS instance ${db.id} (${db.engine}) ${where(ctx)}`;
}

export function instanceEvidence(db: RdsInstance): Evidence {
  return {
    engine: db.engine,
    ...(db.engineVersion !== undefined ? { engineVersion: db.engineVersion } : {}),
    status: db.status,
    ...(db.clusterId !== undefined ? { clusterId: db.clusterId } : {}),
  };
}

/** "RDS cluster ledger (aurora-postgresql) in eu-west-1 of account 111122223333". */
export function clusterName(cluster: RdsCluster, ctx: CheckContext): string {
  return `RDS cluster ${cluster.id} (${cluster.engine}) ${where(ctx)}`;
}

export function clusterEvidence(cluster: RdsCluster): Evidence {
  return {
    engine: cluster.engine,
    ...(cluster.engineVersion !== undefined ? { engineVersion: cluster.engineVersion } : {}),
  };
}
