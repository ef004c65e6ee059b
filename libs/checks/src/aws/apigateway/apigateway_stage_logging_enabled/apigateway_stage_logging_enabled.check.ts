import { defineCheck } from '../../../framework/check';
import { ResultBuilder, where } from '../../../framework/results';
import { stageLoggingResults } from '../stage-logging';
import { metadata } from './apigateway_stage_logging_enabled.metadata';

export const apigatewayStageLoggingEnabled = defineCheck(metadata, (collected, ctx) => {
  const apis = collected.regional('apigateway.restApis', ctx.region);
  if (!apis.ok) return [];
  const results = new ResultBuilder(metadata, ctx);
  return stageLoggingResults(results, apis.data, () => 'REST API', where(ctx));
});
