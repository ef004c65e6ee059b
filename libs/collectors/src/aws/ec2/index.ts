// The ec2 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const ec2Collectors: readonly CollectorDefinition[] = [];

export const ec2Actions: OperationActions = {};
