import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'elbv2_load_balancer_logging_enabled',
  title: 'Application and Network Load Balancers have access logging enabled',
  service: 'elbv2',
  scope: 'region',
  severity: 'medium',
  resourceType: 'AwsElbv2LoadBalancer',
  description:
    'Checks that every Application and Network Load Balancer writes access logs to S3, recording each request (or TLS connection) it handles.',
  risk: 'Without access logs, requests to the web front end — probing, exploitation attempts, abuse of an API — cannot be investigated or traced back to a client.',
  assessment: 'automated',
  rule: {
    apis: [
      'elasticloadbalancing:DescribeLoadBalancers',
      'elasticloadbalancing:DescribeLoadBalancerAttributes',
    ],
    pass: 'The load balancer’s attribute access_logs.s3.enabled is true.',
    fail: 'The load balancer’s attribute access_logs.s3.enabled is false.',
    manual:
      'Gateway Load Balancers are not evaluated: they forward packets to appliances and have no access logs. Network Load Balancers log TLS listeners only; their attribute is still required, so a TLS listener added later is logged.',
  },
  remediation: {
    text: 'Enable access logs on the load balancer, to an S3 bucket whose policy lets Elastic Load Balancing write.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket>',
    cloudformation:
      'AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttributes: [{Key: access_logs.s3.enabled, Value: "true"}, {Key: access_logs.s3.bucket, Value: <bucket>}]',
    terraform: 'resource "aws_lb" access_logs { bucket = "<bucket>", enabled = true }',
    url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  },
  categories: ['logging'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['4.10'] },
  requires: ['elbv2.loadBalancers'],
};
