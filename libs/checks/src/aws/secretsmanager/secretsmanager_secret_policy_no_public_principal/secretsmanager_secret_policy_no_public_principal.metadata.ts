import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'secretsmanager_secret_policy_no_public_principal',
  title: 'Secrets Manager secret policies do not allow unrestricted access to anyone (Principal *)',
  service: 'secretsmanager',
  scope: 'region',
  severity: 'critical',
  resourceType: 'AwsSecretsManagerSecret',
  description:
    'Checks every Secrets Manager secret’s resource policy for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks or sources.',
  risk: 'Anyone with an AWS account can read the secret’s value or change it, depending on the actions granted.',
  assessment: 'automated',
  rule: {
    apis: ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
    pass: 'The secret has no resource policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce with a literal value and a positive operator).',
    fail: 'The resource policy has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the secret’s resource policy with the roles that need it, or add a restricting condition such as `aws:PrincipalOrgID`; `aws secretsmanager validate-resource-policy` and BlockPublicPolicy refuse broad policies.',
    cli: 'aws secretsmanager put-resource-policy --secret-id <secret> --resource-policy file://policy.json --block-public-policy',
    cloudformation:
      'AWS::SecretsManager::ResourcePolicy with BlockPublicPolicy: true and named principals',
    terraform:
      'resource "aws_secretsmanager_secret_policy" with block_public_policy = true and named principals',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['secretsmanager.secrets'],
};
