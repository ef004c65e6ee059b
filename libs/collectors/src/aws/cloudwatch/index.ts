// The cloudwatch collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const cloudwatchCollectors: readonly CollectorDefinition[] = [];

export const cloudwatchActions: OperationActions = {};
