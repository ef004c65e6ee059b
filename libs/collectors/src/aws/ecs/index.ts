// The ecs collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { clustersCollector } from './clusters.collector';

export const ecsCollectors: readonly CollectorDefinition[] = [clustersCollector];

export const ecsActions: OperationActions = {
  'ecs:ListClusters': ['ecs:ListClusters'],
  'ecs:DescribeClusters': ['ecs:DescribeClusters'],
};
