// The apigateway collectors and the IAM actions their operations need.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { apigatewayRestApisCollector } from './rest-apis.collector';
import { apigatewayV2ApisCollector } from './v2-apis.collector';

export const apigatewayCollectors: readonly CollectorDefinition[] = [
  apigatewayRestApisCollector,
  apigatewayV2ApisCollector,
];

/**
 * API Gateway (v1 and v2 both sign as `apigateway`) authorises reads by HTTP method on the
 * resource path: every GET needs `apigateway:GET`.
 */
export const apigatewayActions: OperationActions = {
  'apigateway:GetRestApis': ['apigateway:GET'],
  'apigateway:GetStages': ['apigateway:GET'],
  'apigateway:GetApis': ['apigateway:GET'],
};
