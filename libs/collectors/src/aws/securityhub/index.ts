// The securityhub collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { hubCollector } from './hub.collector';

export const securityhubCollectors: readonly CollectorDefinition[] = [hubCollector];

export const securityhubActions: OperationActions = {
  'securityhub:DescribeHub': ['securityhub:DescribeHub'],
};
