// The inspector2 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const inspector2Collectors: readonly CollectorDefinition[] = [];

export const inspector2Actions: OperationActions = {};
