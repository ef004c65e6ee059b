import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'eventbridge_bus_policy_no_public_principal',
  title: 'EventBridge event bus policies do not allow unrestricted access to anyone (Principal *)',
  service: 'eventbridge',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsEventsEventbus',
  description:
    'Checks the resource policy of every EventBridge event bus (the default bus included) for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks or sources.',
  risk: 'Anyone with an AWS account can put events on the bus and so trigger the rules and targets behind it, or manage its rules, depending on the actions granted.',
  assessment: 'automated',
  rule: {
    apis: ['events:ListEventBuses'],
    pass: 'The bus has no resource policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:PrincipalOrgID, aws:SourceAccount with a literal value and a positive operator).',
    fail: 'The bus policy (the `Policy` that ListEventBuses returns) has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the event bus policy with the accounts that send events, or add an `aws:PrincipalOrgID` condition; remove a public statement with `aws events remove-permission`.',
    cli: 'aws events remove-permission --event-bus-name <bus> --statement-id <sid>',
    cloudformation:
      'AWS::Events::EventBusPolicy with a named Principal account or a Condition on aws:PrincipalOrgID',
    terraform:
      'resource "aws_cloudwatch_event_bus_policy" whose statements name principals or carry a restricting condition',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['eventbridge.buses'],
};
