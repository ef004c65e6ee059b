// The elbv2 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const elbv2Collectors: readonly CollectorDefinition[] = [];

export const elbv2Actions: OperationActions = {};
