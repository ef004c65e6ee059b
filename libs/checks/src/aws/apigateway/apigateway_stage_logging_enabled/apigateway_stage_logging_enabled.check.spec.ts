import { type ApiGatewayRestApi, type ApiGatewayStage } from '../../../collected/front-ends';
import { runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { apigatewayStageLoggingEnabled } from './apigateway_stage_logging_enabled.check';

const API = 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3';
const LOG_GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:api-access';

function stage(stageName: string, over: Partial<ApiGatewayStage> = {}): ApiGatewayStage {
  return { stageName, arn: `${API}/stages/${stageName}`, ...over };
}

function api(stages: ApiGatewayRestApi['stages']): ApiGatewayRestApi {
  return { id: 'a1b2c3', name: 'orders', arn: API, stages };
}

function snapshot(apis: ApiGatewayRestApi[]) {
  return new SnapshotBuilder()
    .setRegional('apigateway.restApis', 'eu-west-1', ok(apis))
    .setRegional('apigateway.restApis', 'us-east-1', ok([]));
}

describe('apigateway_stage_logging_enabled', () => {
  it('should PASS a stage with an access log destination and FAIL one without', () => {
    const results = runCheck(
      apigatewayStageLoggingEnabled,
      snapshot([
        api(
          ok([
            stage('prod', {
              accessLogDestinationArn: LOG_GROUP,
              accessLogFormat: '$context.requestId',
            }),
            stage('dev', { executionLoggingLevel: 'INFO' }),
          ]),
        ),
      ]),
    );
    expect(results.map((r) => [r.resourceUid, r.status, r.region, r.resourceType])).toEqual([
      [`${API}/stages/prod`, 'PASS', 'eu-west-1', 'AwsApiGatewayStage'],
      [`${API}/stages/dev`, 'FAIL', 'eu-west-1', 'AwsApiGatewayStage'],
    ]);
    expect(results[1]?.message).toBe(
      'Stage dev of REST API orders (a1b2c3) in eu-west-1 of account 111122223333 has no access logging',
    );
    expect(results[1]?.evidence).toEqual({ apiId: 'a1b2c3', executionLoggingLevel: 'INFO' });
  });

  it('should be one ERROR for an API whose stages cannot be read', () => {
    const results = runCheck(
      apigatewayStageLoggingEnabled,
      snapshot([api(failed('ACCESS_DENIED', 'no apigateway:GET'))]),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', resourceUid: API, errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should be ERROR for the region whose APIs could not be collected', () => {
    const results = runCheck(
      apigatewayStageLoggingEnabled,
      new SnapshotBuilder()
        .setRegional('apigateway.restApis', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('apigateway.restApis', 'us-east-1', ok([])),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([['ERROR', 'eu-west-1']]);
  });

  it('should report nothing for no APIs, or an API without stages', () => {
    expect(runCheck(apigatewayStageLoggingEnabled, snapshot([]))).toEqual([]);
    expect(runCheck(apigatewayStageLoggingEnabled, snapshot([api(ok([]))]))).toEqual([]);
  });
});
