// The accessanalyzer collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { analyzersCollector } from './analyzers.collector';

export const accessanalyzerCollectors: readonly CollectorDefinition[] = [analyzersCollector];

export const accessanalyzerActions: OperationActions = {
  'access-analyzer:ListAnalyzers': ['access-analyzer:ListAnalyzers'],
};
