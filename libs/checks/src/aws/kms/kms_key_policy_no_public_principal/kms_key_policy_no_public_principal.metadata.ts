import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'kms_key_policy_no_public_principal',
  title: 'KMS key policies do not allow unrestricted access to anyone (Principal *)',
  service: 'kms',
  scope: 'region',
  severity: 'critical',
  resourceType: 'AwsKmsKey',
  description:
    'Checks the default key policy of every KMS key for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts (`kms:CallerAccount`, `aws:PrincipalAccount`), organizations, networks or sources. `kms:ViaService` alone does not restrict: any account can call through the service.',
  risk: 'Anyone with an AWS account can use the key to decrypt data encrypted under it, or manage it, depending on the actions granted.',
  assessment: 'automated',
  rule: {
    apis: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
    pass: 'The key has no key policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce with a literal value and a positive operator).',
    fail: 'The key policy has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the key policy with the account roots or roles that need the key, or add `kms:CallerAccount` / `aws:PrincipalOrgID` conditions.',
    cli: 'aws kms put-key-policy --key-id <key> --policy-name default --policy file://policy.json',
    cloudformation:
      'AWS::KMS::Key KeyPolicy with named principals or a restricting condition (kms:CallerAccount, aws:PrincipalOrgID)',
    terraform:
      'resource "aws_kms_key" policy whose statements name principals or carry a restricting condition',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['kms.keys'],
};
