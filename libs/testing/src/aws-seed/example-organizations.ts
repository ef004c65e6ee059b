// Ready-made organization specs: a realistic one for tests and the demo, and a generated one
// of any size for benchmarks.
import { type OrganizationSpec, type SeedAccountSpec, type SeedOuSpec } from './organization-spec';

const tags = (env: string, team: string, costCenter = 'cc-100') => ({
  env,
  team,
  'cost-center': costCenter,
});

const DENY_LEAVE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};
const SANDBOX_GUARDRAILS = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Action: ['ec2:PurchaseReservedInstancesOffering', 'iam:CreateUser'],
      Resource: '*',
    },
  ],
};
const COST_CENTER_TAGS = { tags: { 'cost-center': { tag_key: { '@@assign': 'cost-center' } } } };

/**
 * 28 member accounts in OUs three levels deep (Workloads/Prod/Payments, ...), tagged `env`,
 * `team`, `cost-center`; `retired-app` suspended; `departed` left at seed time;
 * `sandbox-leaver` leaves and `dev-carol` moves to Workloads/Prod/Web in `applyLaterChanges()`;
 * two SCPs and a tag policy on OUs; `audit` delegated admin for GuardDuty and Access Analyzer.
 */
export function exampleOrganizationSpec(): OrganizationSpec {
  const acct = (name: string, env: string, team: string, extra: Partial<SeedAccountSpec> = {}) => ({
    name,
    tags: tags(env, team),
    ...extra,
  });
  return {
    management: { tags: { env: 'management', team: 'platform' } },
    accounts: [acct('shared-services', 'shared', 'platform')],
    units: [
      {
        name: 'Security',
        accounts: [acct('log-archive', 'security', 'secops'), acct('audit', 'security', 'secops')],
      },
      {
        name: 'Infrastructure',
        accounts: [acct('network', 'shared', 'netops'), acct('shared-tools', 'shared', 'platform')],
      },
      {
        name: 'Workloads',
        units: [
          {
            name: 'Prod',
            units: [
              {
                name: 'Payments',
                accounts: [
                  acct('pay-api-prod', 'prod', 'payments'),
                  acct('pay-db-prod', 'prod', 'payments'),
                  acct('pay-batch-prod', 'prod', 'payments'),
                  acct('pay-reports-prod', 'prod', 'payments'),
                ],
              },
              {
                name: 'Web',
                accounts: [
                  acct('web-frontend-prod', 'prod', 'web'),
                  acct('web-cms-prod', 'prod', 'web'),
                ],
              },
            ],
          },
          {
            name: 'Staging',
            units: [
              {
                name: 'Payments',
                accounts: [
                  acct('pay-api-stg', 'staging', 'payments'),
                  acct('pay-db-stg', 'staging', 'payments'),
                ],
              },
              {
                name: 'Web',
                accounts: [
                  acct('web-frontend-stg', 'staging', 'web'),
                  acct('web-cms-stg', 'staging', 'web'),
                ],
              },
            ],
          },
          {
            name: 'Dev',
            accounts: [
              acct('dev-alice', 'dev', 'web'),
              acct('dev-bob', 'dev', 'payments'),
              acct('dev-carol', 'dev', 'web', { moveTo: 'Root/Workloads/Prod/Web' }),
              acct('dev-dave', 'dev', 'payments'),
            ],
          },
        ],
      },
      {
        name: 'Sandbox',
        accounts: [
          ...[1, 2, 3, 4, 5].map((i) => acct(`sandbox-${i}`, 'sandbox', 'research', {})),
          acct('sandbox-leaver', 'sandbox', 'research', { leave: 'later' }),
          acct('departed', 'sandbox', 'research', { leave: 'now' }),
        ],
      },
      {
        name: 'Suspended',
        accounts: [acct('retired-app', 'prod', 'legacy', { suspended: true })],
      },
    ],
    policies: [
      {
        name: 'DenyLeaveOrganization',
        type: 'SERVICE_CONTROL_POLICY',
        content: DENY_LEAVE,
        targets: ['Root/Workloads', 'Root/Security'],
      },
      {
        name: 'SandboxGuardrails',
        type: 'SERVICE_CONTROL_POLICY',
        content: SANDBOX_GUARDRAILS,
        targets: ['Root/Sandbox'],
      },
      { name: 'CostCenterTags', type: 'TAG_POLICY', content: COST_CENTER_TAGS, targets: ['Root'] },
    ],
    delegatedAdministrators: [
      {
        account: 'audit',
        servicePrincipals: ['guardduty.amazonaws.com', 'access-analyzer.amazonaws.com'],
      },
    ],
  };
}

export interface GeneratedOrganizationOptions {
  /** Member accounts (default 1000). */
  accounts?: number;
  /** OUs per level below the root: default [4, 3, 2] (4 + 12 + 24 OUs, three levels deep). */
  fanOut?: readonly number[];
  /** Every n-th account is suspended (default 50; 0 for none). */
  suspendEvery?: number;
}

/** `accounts` members spread round-robin over every OU of a generated tree (none at the root). */
export function generatedOrganizationSpec(
  opts: GeneratedOrganizationOptions = {},
): OrganizationSpec {
  const total = opts.accounts ?? 1000;
  const fanOut = opts.fanOut ?? [4, 3, 2];
  const suspendEvery = opts.suspendEvery ?? 50;
  const all: SeedOuSpec[] = [];
  const build = (depth: number, prefix: string): SeedOuSpec[] =>
    Array.from({ length: fanOut[depth] ?? 0 }, (_, i) => {
      const name = `${prefix}${String.fromCharCode(65 + i)}`;
      const ou = {
        name: `ou-${name}`,
        accounts: [] as SeedAccountSpec[],
        units: build(depth + 1, name),
      };
      all.push(ou);
      return ou;
    });
  const units = build(0, '');
  const envs = ['prod', 'staging', 'dev', 'sandbox'];
  const atRoot: SeedAccountSpec[] = [];
  for (let i = 0; i < total; i += 1) {
    const ou = all[i % all.length];
    (ou ? (ou.accounts as SeedAccountSpec[]) : atRoot).push({
      name: `member-${String(i).padStart(5, '0')}`,
      tags: { env: envs[i % envs.length] ?? 'dev', team: `team-${i % 17}` },
      ...(suspendEvery > 0 && i % suspendEvery === suspendEvery - 1 ? { suspended: true } : {}),
    });
  }
  return { units, accounts: atRoot };
}
