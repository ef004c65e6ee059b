// The lambda collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const lambdaCollectors: readonly CollectorDefinition[] = [];

export const lambdaActions: OperationActions = {};
