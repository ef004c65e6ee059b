// The cloudfront collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';

export const cloudfrontCollectors: readonly CollectorDefinition[] = [];

export const cloudfrontActions: OperationActions = {};
