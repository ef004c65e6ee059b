// apigateway.v2Apis (HTTP and WebSocket APIs) against moto behind the fault proxy.
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { type ApiGatewayV2Api } from '@palisade/checks';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { apigatewayActions } from '.';
import { apigatewayV2ApisCollector } from './v2-apis.collector';

const REGION = 'eu-west-1';
const LOG_GROUP = 'arn:aws:logs:eu-west-1:111122223333:log-group:api-access';
const FORMAT = '$context.requestId $context.identity.sourceIp $context.status';

describe('apigateway.v2Apis collector (moto behind the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  let httpId: string;
  let wsId: string;

  async function collect() {
    const { snapshot } = await h.collect(['apigateway.v2Apis'], [REGION]);
    return snapshot.regional('apigateway.v2Apis', REGION);
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const v2 = h.clients.createClient(ApiGatewayV2Client, {
      region: REGION,
      service: 'apigatewayv2',
      session: h.session,
    });
    httpId =
      (await v2.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP' }))).ApiId ?? '';
    await v2.send(
      new CreateStageCommand({
        ApiId: httpId,
        StageName: '$default',
        AccessLogSettings: { DestinationArn: LOG_GROUP, Format: FORMAT },
      }),
    );
    wsId =
      (
        await v2.send(
          new CreateApiCommand({
            Name: 'chat',
            ProtocolType: 'WEBSOCKET',
            RouteSelectionExpression: '$request.body.action',
          }),
        )
      ).ApiId ?? '';
    await v2.send(
      new CreateStageCommand({
        ApiId: wsId,
        StageName: 'live',
        DefaultRouteSettings: { LoggingLevel: 'ERROR' },
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

  it('should read HTTP and WebSocket API stages', async () => {
    const v2 = await collect();
    const arn = (id: string) => `arn:aws:apigateway:${REGION}::/apis/${id}`;
    const expected: ApiGatewayV2Api[] = [
      {
        id: httpId,
        name: 'shop',
        arn: arn(httpId),
        protocolType: 'HTTP',
        stages: {
          ok: true,
          data: [
            {
              stageName: '$default',
              arn: `${arn(httpId)}/stages/$default`,
              accessLogDestinationArn: LOG_GROUP,
              accessLogFormat: FORMAT,
            },
          ],
        },
      },
      {
        id: wsId,
        name: 'chat',
        arn: arn(wsId),
        protocolType: 'WEBSOCKET',
        stages: {
          ok: true,
          data: [
            { stageName: 'live', arn: `${arn(wsId)}/stages/live`, executionLoggingLevel: 'ERROR' },
          ],
        },
      },
    ];
    if (!v2.ok) throw new Error(v2.message);
    expect([...v2.data].sort((a, b) => b.name.localeCompare(a.name))).toEqual(expected);

    const called = new Set(
      proxy.log.filter((e) => e.account === h.accountId).map((e) => `${e.service}:${e.operation}`),
    );
    expect([...called].sort()).toEqual([...apigatewayV2ApisCollector.operations].sort());
    for (const operation of apigatewayV2ApisCollector.operations) {
      expect(apigatewayActions[operation]).toEqual(['apigateway:GET']);
    }
  });

  it('should keep denied stage reads as each API’s error, not the collector’s', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'apigateway', operation: 'GetStages' });
    const v2 = await collect();
    if (!v2.ok) throw new Error(v2.message);
    expect(v2.data).toHaveLength(2);
    for (const api of v2.data) {
      expect(api.stages).toEqual(expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }));
    }
  });

  it('should fail the collector when GetApis is denied', async () => {
    proxy.addRule({ kind: 'accessDenied', service: 'apigateway', operation: 'GetApis' });
    expect(await collect()).toEqual(expect.objectContaining({ ok: false, code: 'ACCESS_DENIED' }));
  });
});
