import { identifyRequest } from './identify-request';

const auth =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/apigateway/aws4_request, SignedHeaders=host, Signature=abc';

function operationOf(method: string, url: string) {
  return identifyRequest({ method, url, headers: { authorization: auth }, body: Buffer.alloc(0) });
}

describe('API Gateway routes (v1 and v2 sign as apigateway, rest-json)', () => {
  it.each([
    ['GET', '/restapis', 'GetRestApis'],
    ['GET', '/restapis?limit=500&position=abc', 'GetRestApis'],
    ['POST', '/restapis', 'CreateRestApi'],
    ['GET', '/restapis/a1b2c3/stages', 'GetStages'],
    ['POST', '/restapis/a1b2c3/stages', 'CreateStage'],
    ['PATCH', '/restapis/a1b2c3/stages/prod', 'UpdateStage'],
    ['GET', '/restapis/a1b2c3/resources', 'GetResources'],
    ['PUT', '/restapis/a1b2c3/resources/r1/methods/GET', 'PutMethod'],
    ['PUT', '/restapis/a1b2c3/resources/r1/methods/GET/integration', 'PutIntegration'],
    ['POST', '/restapis/a1b2c3/deployments', 'CreateDeployment'],
    ['GET', '/v2/apis', 'GetApis'],
    ['POST', '/v2/apis', 'CreateApi'],
    ['GET', '/v2/apis/x9y8/stages', 'GetStages'],
    ['POST', '/v2/apis/x9y8/stages', 'CreateStage'],
  ])('names %s %s as %s', (method, url, operation) => {
    expect(operationOf(method, url)).toMatchObject({
      service: 'apigateway',
      operation,
      protocol: 'rest-json',
    });
  });

  it('does not take a stage of a v2 API for a REST API route, nor the reverse', () => {
    expect(operationOf('PATCH', '/v2/apis/x9y8/stages/$default').operation).toBe(
      'PATCH /v2/apis/x9y8/stages/$default',
    );
    expect(operationOf('GET', '/restapis/a1b2c3/stages/prod').operation).toBe(
      'GET /restapis/a1b2c3/stages/prod',
    );
  });
});
