// The macie collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { statusCollector } from './status.collector';

export const macieCollectors: readonly CollectorDefinition[] = [statusCollector];

export const macieActions: OperationActions = {
  'macie2:GetMacieSession': ['macie2:GetMacieSession'],
};
