import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'sqs_queue_policy_no_public_principal',
  title: 'SQS queue policies do not allow unrestricted access to anyone (Principal *)',
  service: 'sqs',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsSqsQueue',
  description:
    'Checks every SQS queue’s access policy for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks or sources.',
  risk: 'Anyone with an AWS account can send, read or delete the queue’s messages, or change it, depending on the actions granted.',
  assessment: 'automated',
  rule: {
    apis: ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
    pass: 'The queue has no access policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce with a literal value and a positive operator).',
    fail: 'The access policy has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the queue policy with the accounts or roles that need access, or add a condition such as `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.',
    cli: 'aws sqs set-queue-attributes --queue-url <url> --attributes Policy=<policy naming the allowed principals>',
    cloudformation:
      'AWS::SQS::QueuePolicy PolicyDocument with named principals or a restricting condition (aws:SourceArn, aws:PrincipalOrgID)',
    terraform:
      'resource "aws_sqs_queue_policy" whose statements name principals or carry a restricting condition',
    url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['sqs.queues'],
};
