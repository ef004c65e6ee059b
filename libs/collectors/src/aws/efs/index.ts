// The efs collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { fileSystemsCollector } from './file-systems.collector';

export const efsCollectors: readonly CollectorDefinition[] = [fileSystemsCollector];

export const efsActions: OperationActions = {
  'elasticfilesystem:DescribeFileSystems': ['elasticfilesystem:DescribeFileSystems'],
};
