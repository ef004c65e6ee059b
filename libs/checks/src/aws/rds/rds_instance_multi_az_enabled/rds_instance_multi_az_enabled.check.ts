import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { instanceEvidence, instanceName } from '../rds-resources';
import { metadata } from './rds_instance_multi_az_enabled.metadata';

export const rdsInstanceMultiAzEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const instances = collected.regional('rds.instances', ctx.region);
  if (!instances.ok) return [];
  // A cluster's members are judged with their cluster (rds_cluster_multi_az_enabled).
  return instances.data
    .filter((db) => db.clusterId === undefined)
    .map((db) => {
      const evidence = { ...instanceEvidence(db), multiAz: db.multiAz };
      return db.multiAz
        ? results.pass(db.arn, `${instanceName(db, ctx)} is a Multi-AZ deployment`, evidence)
        : results.fail(db.arn, `${instanceName(db, ctx)} is a Single-AZ deployment`, evidence);
    });
});
