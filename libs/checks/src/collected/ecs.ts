// Collected data of Amazon ECS, per account × region.

export interface EcsCluster {
  name: string;
  arn: string;
  /** ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE. */
  status: string;
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
  registeredContainerInstancesCount: number;
  tags: Record<string, string>;
}

export interface EcsRegional {
  /** Every cluster of the region (`ListClusters` + `DescribeClusters`). */
  'ecs.clusters': EcsCluster[];
}
