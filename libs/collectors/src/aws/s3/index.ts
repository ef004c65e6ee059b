// The s3 collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const s3Collectors: readonly CollectorDefinition[] = [];

export const s3Actions: OperationActions = {};
