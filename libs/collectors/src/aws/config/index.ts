// The config collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const configCollectors: readonly CollectorDefinition[] = [];

export const configActions: OperationActions = {};
