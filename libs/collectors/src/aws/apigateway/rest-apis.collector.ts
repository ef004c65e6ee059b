// apigateway.restApis: the region's API Gateway REST APIs (v1) with their stages' logging.
import {
  APIGatewayClient,
  GetStagesCommand,
  paginateGetRestApis,
} from '@aws-sdk/client-api-gateway';
import { type ApiGatewayRestApi } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';
import { apigatewayArn, stageOf } from './apigateway-shared';

/** The method settings key that applies to every method of a stage. */
const ALL_METHODS = '*/*';

export const apigatewayRestApisCollector = defineCollector({
  key: 'apigateway.restApis',
  scope: 'regional',
  operations: ['apigateway:GetRestApis', 'apigateway:GetStages'],
  async collect(ctx) {
    const client = ctx.client(APIGatewayClient, 'apigateway');
    const apis: { id: string; name: string }[] = [];
    for await (const page of paginateGetRestApis({ client }, {})) {
      for (const api of page.items ?? []) {
        if (api.id !== undefined) apis.push({ id: api.id, name: api.name ?? api.id });
      }
    }
    return ctx.mapBounded(apis, async ({ id, name }): Promise<ApiGatewayRestApi> => {
      const path = `/restapis/${id}`;
      // GetStages returns every stage of the API at once (no pagination).
      const stages = await ctx.attempt(async () => {
        const out = await client.send(new GetStagesCommand({ restApiId: id }));
        return (out.item ?? []).flatMap((s) =>
          s.stageName === undefined
            ? []
            : [
                stageOf(
                  s.stageName,
                  apigatewayArn(ctx, `${path}/stages/${s.stageName}`),
                  s.accessLogSettings,
                  s.methodSettings?.[ALL_METHODS]?.loggingLevel,
                ),
              ],
        );
      });
      return { id, name, arn: apigatewayArn(ctx, path), stages };
    });
  },
});
