// What the API Gateway logging checks share: one result per stage — PASS with an access log
// destination, FAIL without — and one ERROR per API whose stages could not be read.
import { type CheckResult } from '@palisade/contracts';
import { type ApiGatewayStage } from '../../collected/front-ends';
import { type Outcome } from '../../framework/outcome';
import { type ResultBuilder } from '../../framework/results';

export interface ApiWithStages {
  id: string;
  name: string;
  arn: string;
  stages: Outcome<ApiGatewayStage[]>;
}

export function stageLoggingResults<A extends ApiWithStages>(
  results: ResultBuilder,
  apis: readonly A[],
  kindOf: (api: A) => string,
  here: string,
): CheckResult[] {
  return apis.flatMap((api): CheckResult[] => {
    const apiName = `${kindOf(api)} ${api.name} (${api.id}) ${here}`;
    if (!api.stages.ok) {
      return [results.errorOf(api.arn, api.stages, `the stages of ${apiName}`)];
    }
    return api.stages.data.map((stage) => {
      const evidence = {
        apiId: api.id,
        ...(stage.executionLoggingLevel === undefined
          ? {}
          : { executionLoggingLevel: stage.executionLoggingLevel }),
      };
      const name = `Stage ${stage.stageName} of ${apiName}`;
      return stage.accessLogDestinationArn === undefined
        ? results.fail(stage.arn, `${name} has no access logging`, evidence)
        : results.pass(
            stage.arn,
            `${name} writes access logs to ${stage.accessLogDestinationArn}`,
            {
              ...evidence,
              destinationArn: stage.accessLogDestinationArn,
            },
          );
    });
  });
}
