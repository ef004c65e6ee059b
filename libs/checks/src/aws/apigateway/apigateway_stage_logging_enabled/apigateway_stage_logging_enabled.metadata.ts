import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'apigateway_stage_logging_enabled',
  title: 'API Gateway REST API stages have access logging enabled',
  service: 'apigateway',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsApiGatewayStage',
  description:
    'Checks that every stage of every API Gateway REST API writes access logs (to CloudWatch Logs or Firehose), recording who called the API and how it answered.',
  risk: 'Without access logs, calls to the API — abuse, enumeration, exploitation attempts — cannot be investigated or traced back to a caller.',
  assessment: 'automated',
  rule: {
    apis: ['apigateway:GET'],
    pass: 'The stage (GetStages) has accessLogSettings with a destinationArn.',
    fail: 'The stage has no access log destination. Execution logging (method settings) is reported in the evidence but does not count: it records API Gateway’s processing, not each caller.',
  },
  remediation: {
    text: 'Set an access log destination (a CloudWatch Logs group or a Firehose stream) and format on the stage; API Gateway needs an account-level CloudWatch role for CloudWatch Logs.',
    cli: "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log-group-arn> op=replace,path=/accessLogSettings/format,value='$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status'",
    cloudformation:
      'AWS::ApiGateway::Stage AccessLogSetting: {DestinationArn: <log-group-arn>, Format: <format>}',
    terraform:
      'resource "aws_api_gateway_stage" access_log_settings { destination_arn = <log-group-arn>, format = <format> }',
    url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
  },
  categories: ['logging'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.10'] },
  requires: ['apigateway.restApis'],
};
