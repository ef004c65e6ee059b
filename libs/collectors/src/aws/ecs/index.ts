// The ecs collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const ecsCollectors: readonly CollectorDefinition[] = [];

export const ecsActions: OperationActions = {};
