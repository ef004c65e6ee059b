// Collected data of the AWS-managed web front ends (CIS 4.10): CloudFront distributions (global:
// once per account), Elastic Load Balancing v2 load balancers and API Gateway stages (regional).
import { type Outcome } from '../framework/outcome';

/** Where a front end's access logs go (an S3 bucket, for CloudFront legacy and ELBv2 logging). */
export interface S3AccessLogging {
  enabled: boolean;
  bucket?: string;
  prefix?: string;
}

/** A CloudWatch Logs delivery of a distribution's access logs (CloudFront standard logging v2). */
export interface LogDelivery {
  deliveryId: string;
  /** The delivery destination: an S3 bucket, a log group or a Firehose stream. */
  destinationArn?: string;
  /** S3 | CWL | FH */
  destinationType?: string;
}

export interface CloudFrontDistribution {
  id: string;
  arn: string;
  domainName: string;
  /** Whether the distribution serves requests. */
  enabled: boolean;
  aliases: string[];
  /** Standard logging (legacy) from `GetDistributionConfig`. */
  logging: Outcome<S3AccessLogging>;
  /**
   * Standard logging (v2): CloudWatch Logs deliveries from an `ACCESS_LOGS` delivery source of
   * this distribution (`DescribeDeliverySources` + `DescribeDeliveries` in us-east-1).
   */
  logDeliveries: Outcome<LogDelivery[]>;
}

export interface LoadBalancerV2 {
  name: string;
  arn: string;
  /** application | network | gateway */
  type: string;
  /** internet-facing | internal */
  scheme?: string;
  dnsName?: string;
  vpcId?: string;
  /** `access_logs.s3.*` of `DescribeLoadBalancerAttributes`. */
  accessLogs: Outcome<S3AccessLogging>;
}

export interface ApiGatewayStage {
  stageName: string;
  /** `arn:<partition>:apigateway:<region>::/restapis/<id>/stages/<name>` (v2: `/apis/`). */
  arn: string;
  /** Access logging: the CloudWatch Logs group or Firehose stream, when configured. */
  accessLogDestinationArn?: string;
  accessLogFormat?: string;
  /** Execution logging level (REST: the all-methods setting; WebSocket: the default route's). */
  executionLoggingLevel?: string;
}

/** An API Gateway REST API (v1) and its stages. */
export interface ApiGatewayRestApi {
  id: string;
  name: string;
  arn: string;
  stages: Outcome<ApiGatewayStage[]>;
}

/** An API Gateway v2 API (HTTP or WebSocket) and its stages. */
export interface ApiGatewayV2Api {
  id: string;
  name: string;
  arn: string;
  /** HTTP | WEBSOCKET */
  protocolType: string;
  stages: Outcome<ApiGatewayStage[]>;
}

export interface FrontEndGlobal {
  'cloudfront.distributions': CloudFrontDistribution[];
}

export interface FrontEndRegional {
  'elbv2.loadBalancers': LoadBalancerV2[];
  'apigateway.restApis': ApiGatewayRestApi[];
  'apigateway.v2Apis': ApiGatewayV2Api[];
}

/** The keys of FrontEndGlobal (the compiler keeps this list complete). */
export const FRONT_END_GLOBAL_KEYS: Readonly<Record<keyof FrontEndGlobal, true>> = {
  'cloudfront.distributions': true,
};
