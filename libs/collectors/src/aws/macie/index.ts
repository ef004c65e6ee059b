// The macie collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const macieCollectors: readonly CollectorDefinition[] = [];

export const macieActions: OperationActions = {};
