import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'sns_topic_policy_no_public_principal',
  title: 'SNS topic policies do not allow unrestricted access to anyone (Principal *)',
  service: 'sns',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsSnsTopic',
  description:
    'Checks every SNS topic’s access policy for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks, sources or subscription endpoints.',
  risk: 'Anyone with an AWS account can publish to the topic, subscribe their own endpoints to it or change it, depending on the actions granted.',
  assessment: 'automated',
  rule: {
    apis: ['sns:ListTopics', 'sns:GetTopicAttributes'],
    pass: 'The topic has no access policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce with a literal value and a positive operator).',
    fail: 'The access policy has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the topic policy with the accounts or services that need access, or add a condition such as `aws:SourceOwner`, `aws:SourceArn` or `aws:PrincipalOrgID`.',
    cli: 'aws sns set-topic-attributes --topic-arn <arn> --attribute-name Policy --attribute-value <policy naming the allowed principals>',
    cloudformation:
      'AWS::SNS::TopicPolicy PolicyDocument with named principals or a restricting condition (aws:SourceOwner, aws:PrincipalOrgID)',
    terraform:
      'resource "aws_sns_topic_policy" whose statements name principals or carry a restricting condition',
    url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['sns.topics'],
};
