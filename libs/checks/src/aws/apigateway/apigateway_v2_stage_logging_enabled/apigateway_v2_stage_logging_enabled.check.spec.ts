import { type ApiGatewayV2Api } from '../../../collected/front-ends';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { apigatewayV2StageLoggingEnabled } from './apigateway_v2_stage_logging_enabled.check';

const LOG_GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:api-access';

function api(id: string, protocolType: string, stages: ApiGatewayV2Api['stages']): ApiGatewayV2Api {
  return {
    id,
    name: `${id}-api`,
    arn: `arn:aws:apigateway:eu-west-1::/apis/${id}`,
    protocolType,
    stages,
  };
}

function snapshot(apis: ApiGatewayV2Api[]) {
  return new SnapshotBuilder()
    .setRegional('apigateway.v2Apis', 'eu-west-1', ok(apis))
    .setRegional('apigateway.v2Apis', 'us-east-1', ok([]));
}

describe('apigateway_v2_stage_logging_enabled', () => {
  it('should PASS a logged HTTP stage and FAIL an unlogged WebSocket stage', () => {
    const results = runCheck(
      apigatewayV2StageLoggingEnabled,
      snapshot([
        api(
          'h1',
          'HTTP',
          ok([
            {
              stageName: '$default',
              arn: 'arn:aws:apigateway:eu-west-1::/apis/h1/stages/$default',
              accessLogDestinationArn: LOG_GROUP,
            },
          ]),
        ),
        api(
          'w1',
          'WEBSOCKET',
          ok([
            {
              stageName: 'live',
              arn: 'arn:aws:apigateway:eu-west-1::/apis/w1/stages/live',
              executionLoggingLevel: 'ERROR',
            },
          ]),
        ),
      ]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.resourceType])).toEqual([
      ['arn:aws:apigateway:eu-west-1::/apis/h1/stages/$default', 'PASS', 'AwsApiGatewayV2Stage'],
      ['arn:aws:apigateway:eu-west-1::/apis/w1/stages/live', 'FAIL', 'AwsApiGatewayV2Stage'],
    ]);
    expect(results[0]?.message).toBe(
      `Stage $default of HTTP API h1-api (h1) in eu-west-1 of account 111122223333 writes access logs to ${LOG_GROUP}`,
    );
    expect(results[1]?.message).toContain('Stage live of WebSocket API w1-api (w1)');
  });

  it('should be one ERROR for an API whose stages cannot be read', () => {
    const results = runCheck(
      apigatewayV2StageLoggingEnabled,
      snapshot([api('h1', 'HTTP', failed('THROTTLED', 'slow down'))]),
    );
    expect(results.map((r) => [r.status, r.resourceUid, r.errorCode])).toEqual([
      ['ERROR', 'arn:aws:apigateway:eu-west-1::/apis/h1', 'THROTTLED'],
    ]);
  });

  it('should be ERROR for the region whose APIs could not be collected', () => {
    const results = runCheck(
      apigatewayV2StageLoggingEnabled,
      new SnapshotBuilder()
        .setRegional('apigateway.v2Apis', 'eu-west-1', ok([]))
        .setRegional('apigateway.v2Apis', 'us-east-1', failed('ACCESS_DENIED', 'denied')),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([['ERROR', 'us-east-1']]);
  });

  it('should report nothing when the region has no APIs', () => {
    expect(runCheck(apigatewayV2StageLoggingEnabled, snapshot([]))).toEqual([]);
  });
});
