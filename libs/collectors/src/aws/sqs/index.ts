// The sqs collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const sqsCollectors: readonly CollectorDefinition[] = [];

export const sqsActions: OperationActions = {};
