// Policies of the types asked for (ListPolicies), each with its document (DescribePolicy) and
// targets (ListTargetsForPolicy). Optional for the walk: a type or policy that fails becomes
// an issue (e.g. PolicyTypeNotEnabledException) and the rest carries on.
import {
  DescribePolicyCommand,
  ListPoliciesCommand,
  ListTargetsForPolicyCommand,
  type PolicySummary,
  type PolicyTargetSummary,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { mapBounded } from '@palisade/aws';
import { type OrganizationsApi } from './organizations-api';
import { type OrganizationPolicy, type WalkIssue } from './organization-inventory';
import { allPages } from './paginate';
import { walkIssue } from './walk-issue';

/** Listed when the root has them enabled; SCPs are always listed. */
export const OPTIONAL_POLICY_TYPES = ['TAG_POLICY', 'BACKUP_POLICY'] as const;

export function policyTypesToList(enabledPolicyTypes: readonly string[]): string[] {
  return [
    'SERVICE_CONTROL_POLICY',
    ...OPTIONAL_POLICY_TYPES.filter((t) => enabledPolicyTypes.includes(t)),
  ];
}

export interface PoliciesResult {
  policies: OrganizationPolicy[];
  issues: WalkIssue[];
}

async function describe(
  api: OrganizationsApi,
  summary: PolicySummary & { Id: string },
  type: string,
  pageSize: number,
  step: { operation: string },
): Promise<OrganizationPolicy> {
  step.operation = 'DescribePolicy';
  const described = await api.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
  step.operation = 'ListTargetsForPolicy';
  const targets = await allPages<PolicyTargetSummary>(
    `ListTargetsForPolicy ${summary.Id}`,
    async (NextToken) => {
      const out = await api.send(
        new ListTargetsForPolicyCommand({ PolicyId: summary.Id, MaxResults: pageSize, NextToken }),
      );
      return { items: out.Targets, nextToken: out.NextToken };
    },
  );
  return {
    id: summary.Id,
    type: summary.Type ?? type,
    name: summary.Name ?? '',
    awsManaged: summary.AwsManaged ?? false,
    content: described.Policy?.Content ?? '',
    targetIds: targets.flatMap((t) => (t.TargetId !== undefined ? [t.TargetId] : [])).sort(),
  };
}

export async function listPolicies(
  api: OrganizationsApi,
  types: readonly string[],
  opts: { concurrency: number; pageSize: number },
): Promise<PoliciesResult> {
  const issues: WalkIssue[] = [];
  const policies: OrganizationPolicy[] = [];
  for (const type of types) {
    let summaries: PolicySummary[];
    try {
      summaries = await allPages(`ListPolicies ${type}`, async (NextToken) => {
        const out = await api.send(
          new ListPoliciesCommand({
            Filter: type as PolicyType,
            MaxResults: opts.pageSize,
            NextToken,
          }),
        );
        return { items: out.Policies, nextToken: out.NextToken };
      });
    } catch (err) {
      issues.push(walkIssue('ListPolicies', type, err));
      continue;
    }
    const withIds = summaries.filter(
      (s): s is PolicySummary & { Id: string } => s.Id !== undefined,
    );
    const described = await mapBounded(withIds, opts.concurrency, async (summary) => {
      const step = { operation: 'DescribePolicy' };
      try {
        return await describe(api, summary, type, opts.pageSize, step);
      } catch (err) {
        issues.push(walkIssue(step.operation, summary.Id, err));
        return undefined;
      }
    });
    for (const p of described) if (p) policies.push(p);
  }
  return { policies: policies.sort((a, b) => a.id.localeCompare(b.id)), issues };
}
