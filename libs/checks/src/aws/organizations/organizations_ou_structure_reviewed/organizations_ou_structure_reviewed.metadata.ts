import { type CheckMetadataInput } from '../../../framework/metadata';

export const metadata: CheckMetadataInput = {
  id: 'organizations_ou_structure_reviewed',
  title: 'Organizational units separate environments and sensitivity (review)',
  service: 'organizations',
  scope: 'organization',
  severity: 'low',
  resourceType: 'AwsOrganizationsOrganization',
  description:
    'Collects the organization’s OU tree (every OU with its path and the accounts directly in it, the accounts directly under the root, and the policy types the root enables) for a person to judge whether OUs group accounts by environment (production, non-production, sandbox) and sensitivity (security, log archive, infrastructure, workloads).',
  risk: 'When accounts of different environments or sensitivity share an OU, or sit directly under the root, guardrails cannot be set per environment: production gets sandbox-level controls or sandboxes inherit production’s restrictions and get exceptions.',
  assessment: 'manual',
  rule: {
    apis: [
      'organizations:ListRoots',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListAccountsForParent',
    ],
    pass: 'Not decided automatically: a person confirms that the OUs follow environment and sensitivity boundaries.',
    fail: 'Not decided automatically: a person finds OUs mixing environments or sensitivity levels, or member accounts left directly under the root.',
    manual:
      'One MANUAL result per organization. Evidence: the OU tree from the OU snapshot (path, id, parent, accounts directly in it, up to 200 OUs), the member accounts directly under the root, the OU count and depth, and the root’s enabled policy types. The person decides whether the structure separates environments and sensitivity levels.',
  },
  remediation: {
    text: 'Create OUs for security tooling, log archive, infrastructure, production and non-production workloads, sandboxes and suspended accounts, move accounts into them, and attach guardrails per OU.',
    url: 'https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/recommended-ous-and-accounts.html',
  },
  categories: ['governance'],
  compliance: { 'cis-aws-foundations-v7.0.0': ['2.1.4'] },
  requires: ['organizations.roots'],
};
