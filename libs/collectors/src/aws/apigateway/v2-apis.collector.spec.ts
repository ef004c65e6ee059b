import { failed, ok } from '@palisade/checks';
import { type CollectorContext } from '../../framework/collector';
import { apigatewayV2ApisCollector } from './v2-apis.collector';

/** A context whose client answers each command (by class name) with the given pages in turn. */
function contextAnswering(
  answers: Record<string, (input: Record<string, unknown>) => unknown>,
  sent: string[],
): CollectorContext {
  const client = {
    middlewareStack: { use: () => undefined },
    send: (command: { input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      sent.push(`${name} ${JSON.stringify(command.input)}`);
      const answer = answers[name];
      if (answer === undefined) throw new Error(`unexpected ${name}`);
      return Promise.resolve().then(() => answer(command.input));
    },
  };
  return {
    accountId: '111122223333',
    partition: 'aws',
    region: 'eu-west-1',
    signal: new AbortController().signal,
    client: <T>() => client as T,
    global: () => Promise.reject(new Error('no dependency expected')),
    regional: () => Promise.reject(new Error('no dependency expected')),
    attempt: async <T>(fn: () => Promise<T>) => {
      try {
        return ok(await fn());
      } catch (err) {
        return failed((err as Error).name, (err as Error).message);
      }
    },
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  } as CollectorContext;
}

// moto answers GetApis and GetStages in one page, and the fault proxy cannot page REST GETs
// (their token travels in the query string): NextToken following is proven here, against the
// recorded response shape of API Gateway v2.
describe('apigateway.v2Apis paging (recorded response shape, moto does not page API Gateway v2)', () => {
  it('should follow NextToken through every page of APIs and of stages', async () => {
    const sent: string[] = [];
    const data = await apigatewayV2ApisCollector.collect(
      contextAnswering(
        {
          GetApisCommand: (input) =>
            input.NextToken === undefined
              ? { Items: [{ ApiId: 'a1', Name: 'shop', ProtocolType: 'HTTP' }], NextToken: 'p2' }
              : { Items: [{ ApiId: 'b2', Name: 'chat', ProtocolType: 'WEBSOCKET' }] },
          GetStagesCommand: (input) =>
            input.ApiId === 'a1' && input.NextToken === undefined
              ? {
                  Items: [
                    {
                      StageName: '$default',
                      AccessLogSettings: {
                        DestinationArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:shop',
                        Format: '$context.requestId',
                      },
                    },
                  ],
                  NextToken: 's2',
                }
              : input.ApiId === 'a1'
                ? { Items: [{ StageName: 'beta' }], NextToken: '' }
                : {
                    Items: [{ StageName: 'live', DefaultRouteSettings: { LoggingLevel: 'INFO' } }],
                  },
        },
        sent,
      ),
    );
    expect(data).toEqual([
      {
        id: 'a1',
        name: 'shop',
        arn: 'arn:aws:apigateway:eu-west-1::/apis/a1',
        protocolType: 'HTTP',
        stages: ok([
          {
            stageName: '$default',
            arn: 'arn:aws:apigateway:eu-west-1::/apis/a1/stages/$default',
            accessLogDestinationArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:shop',
            accessLogFormat: '$context.requestId',
          },
          { stageName: 'beta', arn: 'arn:aws:apigateway:eu-west-1::/apis/a1/stages/beta' },
        ]),
      },
      {
        id: 'b2',
        name: 'chat',
        arn: 'arn:aws:apigateway:eu-west-1::/apis/b2',
        protocolType: 'WEBSOCKET',
        stages: ok([
          {
            stageName: 'live',
            arn: 'arn:aws:apigateway:eu-west-1::/apis/b2/stages/live',
            executionLoggingLevel: 'INFO',
          },
        ]),
      },
    ]);
    expect(sent.filter((s) => s.startsWith('GetApisCommand'))).toEqual([
      'GetApisCommand {}',
      'GetApisCommand {"NextToken":"p2"}',
    ]);
    expect(sent.filter((s) => s.includes('"ApiId":"a1"'))).toEqual([
      'GetStagesCommand {"ApiId":"a1"}',
      'GetStagesCommand {"ApiId":"a1","NextToken":"s2"}',
    ]);
  });
});
