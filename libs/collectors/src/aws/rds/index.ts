// The rds collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const rdsCollectors: readonly CollectorDefinition[] = [];

export const rdsActions: OperationActions = {};
