// The kms collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const kmsCollectors: readonly CollectorDefinition[] = [];

export const kmsActions: OperationActions = {};
