import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { stageLoggingResults } from '../stage-logging';
import { metadata } from './apigateway_v2_stage_logging_enabled.metadata';

export const apigatewayV2StageLoggingEnabled = defineCheck(metadata, (collected, ctx) => {
  const apis = collected.regional('apigateway.v2Apis', ctx.region);
  if (!apis.ok) return [];
  const results = new ResultBuilder(metadata, ctx);
  return stageLoggingResults(
    results,
    apis.data,
    (api) => (api.protocolType === 'WEBSOCKET' ? 'WebSocket API' : 'HTTP API'),
    where(ctx),
  );
});
