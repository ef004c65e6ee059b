// What the API Gateway collectors share: stage ARNs and stage access logging.
import { type ApiGatewayStage } from '@palisade/checks';
import { type CollectorContext } from '../../framework/collector';

/** `arn:<partition>:apigateway:<region>::<path>`: API Gateway ARNs carry no account. */
export function apigatewayArn(ctx: Pick<CollectorContext, 'partition' | 'region'>, path: string) {
  return `arn:${ctx.partition}:apigateway:${ctx.region}::${path}`;
}

/** A stage as checks read it (values that are absent or empty are left out). */
export function stageOf(
  stageName: string,
  arn: string,
  access: { destinationArn?: string | undefined; format?: string | undefined } | undefined,
  executionLoggingLevel: string | undefined,
): ApiGatewayStage {
  const stage: ApiGatewayStage = { stageName, arn };
  if (access?.destinationArn) stage.accessLogDestinationArn = access.destinationArn;
  if (access?.format) stage.accessLogFormat = access.format;
  if (executionLoggingLevel) stage.executionLoggingLevel = executionLoggingLevel;
  return stage;
}
