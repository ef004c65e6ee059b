// The rds collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { clustersCollector } from './clusters.collector';
import { instancesCollector } from './instances.collector';

export const rdsCollectors: readonly CollectorDefinition[] = [
  instancesCollector,
  clustersCollector,
];

export const rdsActions: OperationActions = {
  'rds:DescribeDBInstances': ['rds:DescribeDBInstances'],
  'rds:DescribeDBClusters': ['rds:DescribeDBClusters'],
};
