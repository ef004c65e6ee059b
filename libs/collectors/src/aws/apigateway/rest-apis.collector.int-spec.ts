// apigateway.restApis against moto behind the fault proxy.
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { type ApiGatewayRestApi } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { apigatewayActions } from '.';
import { apigatewayRestApisCollector } from './rest-apis.collector';

const REGION = 'eu-west-1';
const LOG_GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:api-access';
const FORMAT = '$context.requestId $context.identity.sourceIp $context.status';

describe('apigateway.restApis collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  let restId: string;

  async function collect() {
    const { snapshot } = await h.collect(['apigateway.restApis'], [REGION]);
    return snapshot.regional('apigateway.restApis', REGION);
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const v1 = h.clients.createClient(APIGatewayClient, {
      region: REGION,
      service: 'apigateway',
      session: h.session,
    });
    restId = (await v1.send(new CreateRestApiCommand({ name: 'orders' }))).id ?? '';
    const resources = await v1.send(new GetResourcesCommand({ restApiId: restId }));
    const rootId = resources.items?.find((r) => r.path === '/')?.id ?? '';
    await v1.send(
      new PutMethodCommand({
        restApiId: restId,
        resourceId: rootId,
        httpMethod: 'GET',
        authorizationType: 'NONE',
      }),
    );
    await v1.send(
      new PutIntegrationCommand({
        restApiId: restId,
        resourceId: rootId,
        httpMethod: 'GET',
        type: 'MOCK',
      }),
    );
    const deployment = await v1.send(
      new CreateDeploymentCommand({ restApiId: restId, stageName: 'prod' }),
    );
    await v1.send(
      new UpdateStageCommand({
        restApiId: restId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: LOG_GROUP },
          { op: 'replace', path: '/accessLogSettings/format', value: FORMAT },
        ],
      }),
    );
    await v1.send(
      new CreateStageCommand({ restApiId: restId, stageName: 'dev', deploymentId: deployment.id }),
    );
    await v1.send(
      new UpdateStageCommand({
        restApiId: restId,
        stageName: 'dev',
        patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' }],
      }),
    );
  });

  afterAll(async () => {
    h.close();
    await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read REST API stages with access and execution logging', async () => {
    const rest = await collect();
    const api = `arn:aws:apigateway:${REGION}::/restapis/${restId}`;
    const expected: ApiGatewayRestApi[] = [
      {
        id: restId,
        name: 'orders',
        arn: api,
        stages: {
          ok: true,
          data: [
            { stageName: 'dev', arn: `${api}/stages/dev`, executionLoggingLevel: 'INFO' },
            {
              stageName: 'prod',
              arn: `${api}/stages/prod`,
              accessLogDestinationArn: LOG_GROUP,
              accessLogFormat: FORMAT,
            },
          ],
        },
      },
    ];
    if (!rest.ok) throw new Error(rest.message);
    const sorted = rest.data.map((a) => ({
      ...a,
      stages: a.stages.ok
        ? {
            ok: true as const,
            data: [...a.stages.data].sort((x, y) => x.stageName.localeCompare(y.stageName)),
          }
        : a.stages,
    }));
    expect(sorted).toEqual(expected);

    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    expect([...called].sort()).toEqual([...apigatewayRestApisCollector.operations].sort());
    for (const operation of apigatewayRestApisCollector.operations) {
      expect(apigatewayActions[operation]).toEqual(['apigateway:GET']);
    }
  });

  it('should keep a denied stage read as the API’s error, not the collector’s', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'apigateway', operation: 'GetStages' });
    const rest = await collect();
    if (!rest.ok) throw new Error(rest.message);
    expect(rest.data.map((a) => [a.id, a.stages.ok ? 'read' : a.stages.code])).toEqual([
      [restId, 'ACCESS_DENIED'],
    ]);
  });

  it('should fail the collector when GetRestApis is denied', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'apigateway', operation: 'GetRestApis' });
    expect(await collect()).toEqual(expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }));
  });
});
