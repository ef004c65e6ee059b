import { defineCheck } from '../../../framework/check';
import { ResultBuilder } from '../../../framework/results';
import { clusterEvidence, clusterName } from '../rds-resources';
import { metadata } from './rds_cluster_multi_az_enabled.metadata';

export const rdsClusterMultiAzEnabled = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const clusters = collected.regional('rds.clusters', ctx.region);
  if (!clusters.ok) return [];
  return clusters.data.map((cluster) => {
    const evidence = { ...clusterEvidence(cluster), multiAz: cluster.multiAz };
    return cluster.multiAz
      ? results.pass(
          cluster.arn,
          `${clusterName(cluster, ctx)} has instances in more than one Availability Zone`,
          evidence,
        )
      : results.fail(
          cluster.arn,
          `${clusterName(cluster, ctx)} is not Multi-AZ: its instances are in one Availability Zone`,
          evidence,
        );
  });
});
