// The accessanalyzer collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const accessanalyzerCollectors: readonly CollectorDefinition[] = [];

export const accessanalyzerActions: OperationActions = {};
