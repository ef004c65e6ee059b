// ECS clusters of a region with their task and service counts (ListClusters, then
// DescribeClusters in batches of 100, its maximum, with tags).
import {
  type Cluster,
  DescribeClustersCommand,
  ECSClient,
  paginateListClusters,
} from '@aws-sdk/client-ecs';
import { type EcsCluster } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

const DESCRIBE_BATCH = 100;

function toCluster(c: Cluster & { clusterArn: string }): EcsCluster {
  const tags: Record<string, string> = {};
  for (const t of c.tags ?? []) if (t.key !== undefined) tags[t.key] = t.value ?? '';
  return {
    name: c.clusterName ?? c.clusterArn.split('/').pop() ?? c.clusterArn,
    arn: c.clusterArn,
    status: c.status ?? 'UNKNOWN',
    runningTasksCount: c.runningTasksCount ?? 0,
    pendingTasksCount: c.pendingTasksCount ?? 0,
    activeServicesCount: c.activeServicesCount ?? 0,
    registeredContainerInstancesCount: c.registeredContainerInstancesCount ?? 0,
    tags,
  };
}

export const clustersCollector = defineCollector({
  key: 'ecs.clusters',
  scope: 'regional',
  operations: ['ecs:ListClusters', 'ecs:DescribeClusters'],
  async collect(ctx) {
    const client = ctx.client(ECSClient, 'ecs');
    const arns: string[] = [];
    for await (const page of paginateListClusters({ client }, {}))
      arns.push(...(page.clusterArns ?? []));
    const clusters: EcsCluster[] = [];
    for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
      const out = await client.send(
        new DescribeClustersCommand({
          clusters: arns.slice(i, i + DESCRIBE_BATCH),
          include: ['TAGS'],
        }),
      );
      // A cluster deleted between the two calls comes back in `failures` (MISSING): gone.
      for (const c of out.clusters ?? []) {
        if (c.clusterArn !== undefined)
          clusters.push(toCluster({ ...c, clusterArn: c.clusterArn }));
      }
    }
    return clusters.sort((a, b) => a.arn.localeCompare(b.arn));
  },
});
