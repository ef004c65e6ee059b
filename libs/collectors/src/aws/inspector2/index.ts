// Inspector2's status collector (read by the coverage check) and the IAM actions of its calls and
// of the findings puller (`src/inspector2`), whose findings are not read by checks.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { inspector2StatusCollector } from './status.collector';

export const inspector2Collectors: readonly CollectorDefinition[] = [inspector2StatusCollector];

export const inspector2Actions: OperationActions = {
  'inspector2:BatchGetAccountStatus': ['inspector2:BatchGetAccountStatus'],
  'inspector2:ListFindings': ['inspector2:ListFindings'],
};
