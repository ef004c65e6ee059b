// The eventbridge collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const eventbridgeCollectors: readonly CollectorDefinition[] = [];

export const eventbridgeActions: OperationActions = {};
