// The lambda collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { lambdaFunctionsCollector } from './functions.collector';

export const lambdaCollectors: readonly CollectorDefinition[] = [lambdaFunctionsCollector];

export const lambdaActions: OperationActions = {
  'lambda:ListFunctions': ['lambda:ListFunctions'],
  'lambda:GetPolicy': ['lambda:GetPolicy'],
  'lambda:GetFunctionUrlConfig': ['lambda:GetFunctionUrlConfig'],
};
