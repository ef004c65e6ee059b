// The account collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const accountCollectors: readonly CollectorDefinition[] = [];

export const accountActions: OperationActions = {};
