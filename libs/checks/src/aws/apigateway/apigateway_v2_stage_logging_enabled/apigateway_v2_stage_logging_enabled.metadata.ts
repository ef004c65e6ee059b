import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'apigateway_v2_stage_logging_enabled',
  title: 'API Gateway HTTP and WebSocket API stages have access logging enabled',
  service: 'apigateway',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsApiGatewayV2Stage',
  description:
    'Checks that every stage of every API Gateway v2 API (HTTP or WebSocket) writes access logs to CloudWatch Logs, recording who called the API and how it answered.',
  risk: 'Without access logs, calls to the API — abuse, enumeration, exploitation attempts — cannot be investigated or traced back to a caller.',
  assessment: 'automated',
  rule: {
    apis: ['apigateway:GET'],
    pass: 'The stage (API Gateway v2 GetStages) has AccessLogSettings with a DestinationArn.',
    fail: 'The stage has no access log destination. WebSocket execution logging (default route settings) is reported in the evidence but does not count.',
  },
  remediation: {
    text: 'Set an access log destination (a CloudWatch Logs group) and format on the stage.',
    cli: "aws apigatewayv2 update-stage --api-id <api-id> --stage-name <stage> --access-log-settings DestinationArn=<log-group-arn>,Format='$context.requestId $context.identity.sourceIp $context.routeKey $context.status'",
    cloudformation:
      'AWS::ApiGatewayV2::Stage AccessLogSettings: {DestinationArn: <log-group-arn>, Format: <format>}',
    terraform:
      'resource "aws_apigatewayv2_stage" access_log_settings { destination_arn = <log-group-arn>, format = <format> }',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
  },
  categories: ['logging'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.10'] },
  requires: ['apigateway.v2Apis'],
};
