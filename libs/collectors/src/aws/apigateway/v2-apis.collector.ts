// apigateway.v2Apis: the region's API Gateway v2 APIs (HTTP and WebSocket) with their stages'
// logging. API Gateway v2 has no SDK paginators: NextToken is followed by hand.
import {
  type Api,
  ApiGatewayV2Client,
  GetApisCommand,
  GetStagesCommand,
  type Stage,
} from '@aws-sdk/client-apigatewayv2';
import { type ApiGatewayV2Api } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { apigatewayArn, stageOf } from './apigateway-shared';

/** Every item of a NextToken-paged listing. */
async function allPages<T>(
  page: (
    token: string | undefined,
  ) => Promise<{ Items?: T[] | undefined; NextToken?: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    items.push(...(out.Items ?? []));
    token = out.NextToken;
  } while (token !== undefined && token !== '');
  return items;
}

export const apigatewayV2ApisCollector = defineCollector({
  key: 'apigateway.v2Apis',
  scope: 'regional',
  operations: ['apigateway:GetApis', 'apigateway:GetStages'],
  async collect(ctx) {
    const client = ctx.client(ApiGatewayV2Client, 'apigatewayv2');
    const apis = (
      await allPages<Api>((NextToken) => client.send(new GetApisCommand({ NextToken })))
    ).filter((a): a is Api & { ApiId: string } => a.ApiId !== undefined);
    return ctx.mapBounded(apis, async (api): Promise<ApiGatewayV2Api> => {
      const path = `/apis/${api.ApiId}`;
      const stages = await ctx.attempt(async () => {
        const listed = await allPages<Stage>((NextToken) =>
          client.send(new GetStagesCommand({ ApiId: api.ApiId, NextToken })),
        );
        return listed.flatMap((s) =>
          s.StageName === undefined
            ? []
            : [
                stageOf(
                  s.StageName,
                  apigatewayArn(ctx, `${path}/stages/${s.StageName}`),
                  {
                    destinationArn: s.AccessLogSettings?.DestinationArn,
                    format: s.AccessLogSettings?.Format,
                  },
                  s.DefaultRouteSettings?.LoggingLevel,
                ),
              ],
        );
      });
      return {
        id: api.ApiId,
        name: api.Name ?? api.ApiId,
        arn: apigatewayArn(ctx, path),
        protocolType: api.ProtocolType ?? 'UNKNOWN',
        stages,
      };
    });
  },
});
