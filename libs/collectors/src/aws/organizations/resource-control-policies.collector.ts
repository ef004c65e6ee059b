// Resource control policies with their documents and targets (ListPolicies,
// DescribePolicy, ListTargetsForPolicy). Discovery's OU snapshot carries SCPs but not RCPs.
// Nothing is listed when no root has RCPs enabled: attached or not, they are then not in force.
import {
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListPolicies,
  paginateListTargetsForPolicy,
  type PolicySummary,
} from '@aws-sdk/client-organizations';
import { type ResourceControlPolicy } from '@palisade/checks';
import { defineCollector } from '../../framework/collector';

const RCP = 'RESOURCE_CONTROL_POLICY';

export const resourceControlPoliciesCollector = defineCollector({
  key: 'organizations.resourceControlPolicies',
  scope: 'global',
  operations: [
    'organizations:ListPolicies',
    'organizations:DescribePolicy',
    'organizations:ListTargetsForPolicy',
  ],
  async collect(ctx) {
    const roots = await ctx.global('organizations.roots');
    const enabled = roots.some((r) =>
      r.policyTypes.some((t) => t.type === RCP && t.status === 'ENABLED'),
    );
    if (!enabled) return [];
    const client = ctx.client(OrganizationsClient, 'organizations');
    const summaries: (PolicySummary & { Id: string })[] = [];
    for await (const page of paginateListPolicies({ client }, { Filter: RCP })) {
      for (const p of page.Policies ?? []) {
        if (p.Id !== undefined) summaries.push({ ...p, Id: p.Id });
      }
    }
    const policies = await ctx.mapBounded(
      summaries,
      async (summary): Promise<ResourceControlPolicy> => {
        const described = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
        const targetIds: string[] = [];
        for await (const page of paginateListTargetsForPolicy(
          { client },
          { PolicyId: summary.Id },
        )) {
          for (const t of page.Targets ?? [])
            if (t.TargetId !== undefined) targetIds.push(t.TargetId);
        }
        return {
          id: summary.Id,
          name: summary.Name ?? summary.Id,
          awsManaged: summary.AwsManaged ?? false,
          content: described.Policy?.Content ?? '',
          targetIds: targetIds.sort(),
        };
      },
    );
    return policies.sort((a, b) => a.id.localeCompare(b.id));
  },
});
