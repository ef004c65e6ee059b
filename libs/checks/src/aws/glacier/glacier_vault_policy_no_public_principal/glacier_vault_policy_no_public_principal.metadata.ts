import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'glacier_vault_policy_no_public_principal',
  title:
    'S3 Glacier vault access policies do not allow unrestricted access to anyone (Principal *)',
  service: 'glacier',
  scope: 'region',
  severity: 'high',
  resourceType: 'AwsGlacierVault',
  description:
    'Checks every S3 Glacier vault’s access policy for Allow statements whose principal is everyone (`*` or AWS `*`, or a NotPrincipal) with no condition tying the access to known accounts, organizations, networks or sources.',
  risk: 'Anyone with an AWS account can read archives from the vault, upload to it or delete from it, depending on the actions granted.',
  assessment: 'automated',
  rule: {
    apis: ['glacier:ListVaults', 'glacier:GetVaultAccessPolicy'],
    pass: 'The vault has no vault access policy, or every Allow statement of it names its principals, or carries a condition that ties `*` to known accounts, organizations, networks or sources (e.g. aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce with a literal value and a positive operator).',
    fail: 'The vault access policy has an Allow statement with Principal `*` (or AWS `*`, or a NotPrincipal) and no restricting condition; negated operators, `...IfExists`, `ForAllValues:` and wildcard account values do not restrict. The evidence lists the statements.',
  },
  remediation: {
    text: 'Replace `"Principal": "*"` in the vault access policy with the accounts that need access, or add a restricting condition such as `aws:PrincipalOrgID`.',
    cli: 'aws glacier set-vault-access-policy --account-id - --vault-name <vault> --policy file://policy.json',
    cloudformation:
      'AWS::Glacier::Vault AccessPolicy with named principals or a restricting condition (aws:PrincipalOrgID)',
    terraform:
      'resource "aws_glacier_vault" access_policy whose statements name principals or carry a restricting condition',
    url: 'https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html',
  },
  categories: ['internet-exposed', 'resource-policy'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.21'] },
  requires: ['glacier.vaults'],
};
