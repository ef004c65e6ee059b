// The apigateway checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { apigatewayStageLoggingEnabled } from './apigateway_stage_logging_enabled/apigateway_stage_logging_enabled.check';
import { apigatewayV2StageLoggingEnabled } from './apigateway_v2_stage_logging_enabled/apigateway_v2_stage_logging_enabled.check';

export const apigatewayChecks: readonly Check[] = [
  apigatewayStageLoggingEnabled,
  apigatewayV2StageLoggingEnabled,
];
